using System.Security.Cryptography;
using System.Text;

namespace Integration.Storage.Sqlite.Tests;

/// <summary>
/// A released schema script is never changed (a change is a new version): each version's script is pinned by its
/// SHA-256, so a change to a shared table text (<c>StoreTables</c>) or to a store's own script fails here first.
/// </summary>
public sealed class SchemaScriptPinTests
{
    private static readonly string[] Released =
    [
        "2c9fae8780be5ff429e3f0a9bb38a4b338bf8749c294c8fbacaae16f376bd016",
        "69ceaa38df663251bb4bb72e8d29cec72269cf9fa2df17a41a565247d1526071",
        "de49b4241ce215852314193e3604f6e0d4decc7dc4f62c2261f1df0cbc1bbdf0",
        "dd1f53ab1c3fd6c57bd6ca760b2c8493753e823aa74054b15087de6ee0c5ccbf",
        "9f9467a41c98ed3ac639ef2852c3f158f262e3790d693c2c6a8a3012544c43b1",
        "edca8606796c9a8b8c6377a76e72e6868aaa2a2b927fee7d51765a762334fc3d",
        "c8e2262e42128e3881aabc0001406b6c1036b86fe74f8589d2afb8499b059de6",
        "fed30762bd8a75595ff3bdbc5e6105b6e66cbea0849edf9f6d4f6f00c020d0e7",
        "b6ae8cea28e5ab632eb1a984f32cba0e43997766af0f7d5171853d48d8732a00",
        "5aa69ad188c5890e9e85107a07437e8be604f5eed3c6ad9093df07bcaf056e74",
    ];

    [Fact]
    public void EveryReleasedScript_IsTheSameText()
    {
        var scripts = Integration.Storage.Sqlite.SqliteSchema.Scripts;

        Assert.True(scripts.Count >= Released.Length, "A released version's script was removed.");
        for (var version = 1; version <= Released.Length; version++)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scripts[version - 1])));
            Assert.True(Released[version - 1] == hash, $"The script of released version {version} changed: add a new version instead.");
        }
    }
}
