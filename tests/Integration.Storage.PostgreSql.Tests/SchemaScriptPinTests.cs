using System.Security.Cryptography;
using System.Text;

namespace Integration.Storage.PostgreSql.Tests;

/// <summary>
/// A released schema script is never changed (a change is a new version): each version's script is pinned by its
/// SHA-256, so a change to a shared table text (<c>StoreTables</c>) or to a store's own script fails here first.
/// </summary>
public sealed class SchemaScriptPinTests
{
    private static readonly string[] Released =
    [
        "e6b4594386f7c9971a0c2121b08e50531f3264f4686be6df489fa2bcb5310fcf",
        "94a21b83399bbe302ec1c28a7f74d244384d8b71dac207701e2774375d134f12",
        "c307002967a8f3e7b9a623aa5f022917348dea9570477cad693d1b14c45d124e",
        "cea5906f8f64a31089431ed7e7e7f7137ef59eddfa8c5535f78219d189cec7e7",
        "f04076ebf4a56d8a86b1f74d4104320230e97bb51f5f4f1cdf621f24148d7579",
        "aadc9898da02f7078f089aaa7d4f1e9682c9577e12b80213a145299fde0049a6",
        "c8e2262e42128e3881aabc0001406b6c1036b86fe74f8589d2afb8499b059de6",
        "a21dbe7860d2ac214f65c40a4b2ee69cc52683afb46a12a96f4538d367d85a69",
        "01a29339a3f50486a34bfb23a7908693755d6645c9c714f9364ac1f6a3f4f2b3",
    ];

    [Fact]
    public void EveryReleasedScript_IsTheSameText()
    {
        var scripts = Integration.Storage.PostgreSql.PostgreSqlSchema.Scripts;

        Assert.True(scripts.Count >= Released.Length, "A released version's script was removed.");
        for (var version = 1; version <= Released.Length; version++)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scripts[version - 1])));
            Assert.True(Released[version - 1] == hash, $"The script of released version {version} changed: add a new version instead.");
        }
    }
}
