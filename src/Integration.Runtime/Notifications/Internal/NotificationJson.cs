using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integration;

/// <summary>
/// The JSON form of a notification: camelCase, enums by name, nulls left out, execution ids as their string form. The
/// same form is what the outbox keeps and what a webhook carries as its event's data (<see cref="ExecutionNotification.JsonOptions"/>).
/// </summary>
internal static class NotificationJson
{
    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter(), new ExecutionIdJsonConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize(ExecutionNotification notification) => JsonSerializer.Serialize(notification, ExecutionNotification.JsonOptions);

    public static ExecutionNotification Deserialize(string payload)
        => JsonSerializer.Deserialize<ExecutionNotification>(payload, ExecutionNotification.JsonOptions) ?? throw new JsonException("The notification's payload is null.");

    private sealed class ExecutionIdJsonConverter : JsonConverter<ExecutionId>
    {
        public override ExecutionId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => ExecutionId.Parse(reader.GetString() ?? throw new JsonException("An execution id is null."));

        public override void Write(Utf8JsonWriter writer, ExecutionId value, JsonSerializerOptions options)
            => writer.WriteStringValue(value.ToString());
    }
}
