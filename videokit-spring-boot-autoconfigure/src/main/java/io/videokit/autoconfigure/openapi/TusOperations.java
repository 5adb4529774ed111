package io.videokit.autoconfigure.openapi;

import static io.videokit.autoconfigure.openapi.VideokitOpenApiCustomizer.header;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The tus 1.0.0 endpoint's operations, as OpenAPI path items. */
final class TusOperations {

  private static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";

  private TusOperations() {}

  /** A schema of one JSON type, written for OpenAPI 3.0 ({@code type}) and 3.1 ({@code types}). */
  static Schema<Object> schema(String type) {
    Schema<Object> schema = new Schema<>();
    schema.setType(type);
    schema.setTypes(Set.of(type));
    return schema;
  }

  /**
   * The collection URL: discovery and creation.
   *
   * @return its path item
   */
  static PathItem collection() {
    Operation discovery =
        operation(
                "tusDiscovery",
                "tus discovery",
                "The server's tus version, extensions (creation, creation-with-upload, "
                    + "creation-defer-length, expiration, checksum, termination, concatenation), "
                    + "maximum size and checksum algorithms.")
            .responses(
                new ApiResponses()
                    .addApiResponse(
                        "204",
                        response(
                            "the server's capabilities",
                            Map.of(
                                "Tus-Resumable", "1.0.0",
                                "Tus-Version", "supported versions (1.0.0)",
                                "Tus-Extension", "supported extensions, comma-separated",
                                "Tus-Max-Size", "the largest upload, in bytes",
                                "Tus-Checksum-Algorithm", "sha1,sha256,sha512,md5"))));
    Operation creation =
        operation(
                "tusCreate",
                "tus creation",
                "Creates an upload (Upload-Length, or Upload-Defer-Length: 1); the body, if any,"
                    + " is its first bytes (creation-with-upload). Upload-Concat: partial, or "
                    + "final;<upload URLs> (concatenation). Metadata keys: filename, filetype, "
                    + "name. The upload id is the video's uid.")
            .parameters(
                List.of(
                    tusResumable(),
                    header("Upload-Length", false, "the upload's size in bytes", "integer"),
                    header("Upload-Defer-Length", false, "1: the size is told later", "integer"),
                    header(
                        "Upload-Metadata",
                        false,
                        "comma-separated `key base64(value)` pairs",
                        "string"),
                    header("Upload-Concat", false, "`partial`, or `final;<URL> <URL>…`", "string"),
                    header(
                        "Upload-Checksum",
                        false,
                        "`<algorithm> <base64 digest>` of the body",
                        "string")))
            .requestBody(body(false))
            .responses(
                new ApiResponses()
                    .addApiResponse(
                        "201",
                        response(
                            "created",
                            Map.of(
                                "Location", "the upload URL",
                                "Tus-Resumable", "1.0.0",
                                "Upload-Offset", "bytes stored (creation-with-upload)",
                                "Upload-Expires", "when an unfinished upload is removed"))));
    return new PathItem()
        .description("tus 1.0.0 collection URL (https://tus.io/protocols/resumable-upload)")
        .options(discovery)
        .post(creation);
  }

  /**
   * An upload URL: offset, write, termination.
   *
   * @return its path item
   */
  static PathItem upload() {
    Parameter id =
        new Parameter()
            .in("path")
            .name("id")
            .required(true)
            .description("the upload id (the video's uid)")
            .schema(schema("string"));
    Operation head =
        operation("tusOffset", "tus offset", "How many bytes the server holds.")
            .parameters(List.of(id, tusResumable()))
            .responses(
                new ApiResponses()
                    .addApiResponse(
                        "200",
                        response(
                            "the upload's state",
                            Map.of(
                                "Upload-Offset", "bytes stored",
                                "Upload-Length", "the size, once known",
                                "Upload-Metadata", "the creation's metadata",
                                "Upload-Concat", "partial or final, for concatenation",
                                "Cache-Control", "no-store"))));
    Operation patch =
        operation(
                "tusWrite",
                "tus write",
                "Appends bytes at Upload-Offset. An interrupted PATCH keeps what arrived; "
                    + "X-HTTP-Method-Override on a POST works too.")
            .parameters(
                List.of(
                    id,
                    tusResumable(),
                    header("Upload-Offset", true, "where the body starts", "integer"),
                    header("Upload-Length", false, "the size, for a deferred length", "integer"),
                    header(
                        "Upload-Checksum",
                        false,
                        "`<algorithm> <base64 digest>`; 460 when it does not match",
                        "string")))
            .requestBody(body(true))
            .responses(
                new ApiResponses()
                    .addApiResponse(
                        "204",
                        response(
                            "stored",
                            Map.of(
                                "Upload-Offset", "bytes stored now",
                                "Upload-Expires", "when an unfinished upload is removed"))));
    Operation delete =
        operation("tusTerminate", "tus termination", "Removes the upload and its bytes.")
            .parameters(List.of(id, tusResumable()))
            .responses(new ApiResponses().addApiResponse("204", response("removed", Map.of())));
    Operation override =
        operation(
                "tusMethodOverride",
                "tus write or termination through POST",
                "For clients that cannot send PATCH or DELETE: X-HTTP-Method-Override names the"
                    + " method.")
            .parameters(
                List.of(
                    id,
                    tusResumable(),
                    header("X-HTTP-Method-Override", true, "PATCH or DELETE", "string")))
            .requestBody(body(false))
            .responses(
                new ApiResponses()
                    .addApiResponse("204", response("as the overridden method", Map.of())));
    Operation options =
        operation(
                "tusUploadOptions",
                "tus discovery at an upload URL",
                "The same capabilities as the collection URL (and CORS preflights).")
            .parameters(List.of(id))
            .responses(
                new ApiResponses().addApiResponse("204", response("capabilities", Map.of())));
    return new PathItem()
        .description("tus 1.0.0 upload URL")
        .options(options)
        .head(head)
        .patch(patch)
        .delete(delete)
        .post(override);
  }

  private static Operation operation(String id, String summary, String description) {
    Operation operation =
        new Operation()
            .operationId(id)
            .summary(summary)
            .description(description)
            .addTagsItem(VideokitOpenApiCustomizer.TUS_TAG);
    operation.addExtension("x-tus-version", "1.0.0");
    return operation;
  }

  private static Parameter tusResumable() {
    return header("Tus-Resumable", true, "the protocol version: 1.0.0", "string");
  }

  private static RequestBody body(boolean required) {
    Schema<Object> bytes = schema("string");
    bytes.setFormat("binary");
    return new RequestBody()
        .required(required)
        .content(new Content().addMediaType(OFFSET_OCTET_STREAM, new MediaType().schema(bytes)));
  }

  private static ApiResponse response(String description, Map<String, String> headers) {
    ApiResponse response = new ApiResponse().description(description);
    headers.forEach((name, text) ->
        response.addHeaderObject(name, new Header().description(text).schema(schema("string"))));
    return response;
  }
}
