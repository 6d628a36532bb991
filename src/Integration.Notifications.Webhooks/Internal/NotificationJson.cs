using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integration;

/// <summary>How an <see cref="ExecutionNotification"/> reads as the event's data: camelCase, enums by name, nulls left out, ids and links as strings.</summary>
internal static class NotificationJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter(), new ExecutionIdJsonConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Writes an <see cref="ExecutionId"/> as its string form (a UUID).</summary>
    private sealed class ExecutionIdJsonConverter : JsonConverter<ExecutionId>
    {
        public override ExecutionId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => ExecutionId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("An execution id must be a UUID string.");

        public override void Write(Utf8JsonWriter writer, ExecutionId value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value.Value);
        }
    }
}
