using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integration;

/// <summary>How a notification is kept in the outbox: JSON (camelCase, enums by name, nulls left out).</summary>
internal static class NotificationJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static string Serialize(ExecutionNotification notification) => JsonSerializer.Serialize(notification, Options);

    public static ExecutionNotification Deserialize(string payload)
        => JsonSerializer.Deserialize<ExecutionNotification>(payload, Options) ?? throw new JsonException("The notification's payload is null.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new ExecutionIdJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class ExecutionIdJsonConverter : JsonConverter<ExecutionId>
    {
        public override ExecutionId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => ExecutionId.Parse(reader.GetString() ?? throw new JsonException("An execution id is null."));

        public override void Write(Utf8JsonWriter writer, ExecutionId value, JsonSerializerOptions options)
            => writer.WriteStringValue(value.ToString());
    }
}
