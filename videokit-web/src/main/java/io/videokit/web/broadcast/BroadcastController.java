package io.videokit.web.broadcast;

import io.videokit.broadcast.Broadcast;
import io.videokit.broadcast.BroadcastException;
import io.videokit.broadcast.BroadcastService;
import io.videokit.broadcast.EndpointKind;
import io.videokit.broadcast.Requester;
import io.videokit.broadcast.SeedResponses;
import io.videokit.core.http.ProblemType;
import io.videokit.web.ApiProblem;
import io.videokit.web.Caller;
import io.videokit.web.Page;
import io.videokit.web.VideokitEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Broadcasts over HTTP. django-broadcast's contract: {@code POST /stream/start/?type=hls&name=…}
 * and {@code POST /stream/stop/?id=…} (url-encoded parameters, the seed's JSON). The REST form:
 * {@code POST /api/broadcasts} (start), {@code GET /api/broadcasts} (paged, {@code live} filter;
 * the caller's own, everyone's for staff), {@code GET /api/broadcasts/{id}}, {@code POST
 * /api/broadcasts/{id}/stop} and {@code /refresh}. Only start and refresh answers carry the
 * publisher's secret; every refusal is a problem of the catalogue.
 */
@RestController
@VideokitEndpoint
public class BroadcastController {

  /** The seed's only {@code type}. */
  static final String SEED_TYPE = "hls";

  private final BroadcastService<?> broadcasts;
  private final String ingestPath;
  private final String staffRole;
  private final ToIntFunction<String> viewers;

  /**
   * Creates the controller without viewer counts.
   *
   * @param broadcasts the service
   * @param ingestPath the ingest's path within the application ({@code
   *     videokit.broadcast.ingest-base-path}) or an absolute URL
   * @param staffRole the role whose holders are staff
   */
  public BroadcastController(BroadcastService<?> broadcasts, String ingestPath, String staffRole) {
    this(broadcasts, ingestPath, staffRole, id -> 0);
  }

  /**
   * Creates the controller.
   *
   * @param broadcasts the service
   * @param ingestPath the ingest's path within the application ({@code
   *     videokit.broadcast.ingest-base-path}) or an absolute URL
   * @param staffRole the role whose holders are staff
   * @param viewers a live broadcast's current viewers by id (e.g. {@code HlsPutHandler::viewers})
   */
  public BroadcastController(
      BroadcastService<?> broadcasts,
      String ingestPath,
      String staffRole,
      ToIntFunction<String> viewers) {
    this.broadcasts = broadcasts;
    this.ingestPath = ingestPath;
    this.staffRole = staffRole;
    this.viewers = viewers;
  }

  /**
   * django-broadcast's start.
   *
   * @param request the request
   * @param type must be {@code hls}
   * @param name the broadcast's name
   * @return {@code {"stream": {"id", "name", "start_date"}, "endpoint": {…}}}
   */
  @PostMapping({"/stream/start", "/stream/start/"})
  public Map<String, Object> seedStart(
      HttpServletRequest request,
      @RequestParam(required = false) @Nullable String type,
      @RequestParam(required = false) @Nullable String name) {
    String owner = caller(request).requireName("starting a broadcast");
    if (!SEED_TYPE.equals(type)) {
      throw new ApiProblem(
          ProblemType.BROADCAST_UNSUPPORTED,
          "unsupported type '" + type + "'; supported: " + SEED_TYPE);
    }
    return SeedResponses.prepareStartHlsStreamResponse(
        call(() -> broadcasts.start(owner, required(name, "name"), null, base(request))));
  }

  /**
   * django-broadcast's stop, for the owner or staff only.
   *
   * @param request the request
   * @param id the broadcast's id
   * @return {@code {"stream": {"id", "name", "start_date", "stop_date"}}}
   */
  @PostMapping({"/stream/stop", "/stream/stop/"})
  public Map<String, Object> seedStop(
      HttpServletRequest request, @RequestParam(required = false) @Nullable String id) {
    Requester requester = requester(request, "stopping a broadcast");
    return SeedResponses.prepareStopStreamResponse(
        call(() -> broadcasts.stop(required(id, "id"), requester)));
  }

  /**
   * Starts a broadcast.
   *
   * @param request the request
   * @param name the name
   * @param kind the endpoint kind (e.g. {@code hls_put}), default configured
   * @return 201 with the broadcast and its {@code endpoint} (with the secret)
   */
  @PostMapping("/api/broadcasts")
  public ResponseEntity<Map<String, Object>> start(
      HttpServletRequest request,
      @RequestParam(required = false) @Nullable String name,
      @RequestParam(required = false) @Nullable String kind) {
    String owner = caller(request).requireName("starting a broadcast");
    EndpointKind chosen = kind == null ? null : kind(kind);
    BroadcastService.Started<?> started =
        call(() -> broadcasts.start(owner, required(name, "name"), chosen, base(request)));
    Map<String, Object> body = view(started.broadcast());
    body.put("endpoint", started.endpoint().toMap());
    return ResponseEntity.status(HttpStatus.CREATED)
        .header("Location", "/api/broadcasts/" + started.broadcast().getId())
        .body(body);
  }

  /**
   * The endpoint kinds a start may name, lower-case as {@code kind} takes them, and the default.
   *
   * @param request the request (needs a principal)
   * @return {@code {"kinds": ["hls_put", …], "default": "hls_put"}}
   */
  @GetMapping("/api/broadcasts/kinds")
  public Map<String, Object> kinds(HttpServletRequest request) {
    caller(request).requireName("listing broadcast kinds");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kinds", broadcasts.kinds().stream().map(BroadcastController::lower).toList());
    body.put("default", lower(broadcasts.settings().defaultKind()));
    return body;
  }

  private static String lower(EndpointKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Lists broadcasts, newest first: the caller's own, or everyone's (or one owner's) for staff.
   *
   * @param request the request
   * @param live only live ({@code true}) or stopped ({@code false}) ones, optional
   * @param owner staff only: this owner's, optional
   * @param page zero-based page, default 0
   * @param size 1..500, default 50
   * @return {@code {items, page, size, total}}
   */
  @GetMapping("/api/broadcasts")
  public Page<Map<String, Object>> list(
      HttpServletRequest request,
      @RequestParam(required = false) @Nullable Boolean live,
      @RequestParam(required = false) @Nullable String owner,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    Caller caller = caller(request);
    String name = caller.requireName("listing broadcasts");
    Page.check(page, size);
    BroadcastService.Listing<?> found =
        broadcasts.list(caller.staff() ? owner : name, live, page, size);
    return new Page<>(found.items().stream().map(this::view).toList(), page, size, found.total());
  }

  /**
   * One broadcast; its owner and staff also see the endpoint's type (never a credential).
   *
   * @param request the request
   * @param id the id
   * @return the broadcast; 404 problem if absent
   */
  @GetMapping("/api/broadcasts/{id}")
  public Map<String, Object> get(HttpServletRequest request, @PathVariable String id) {
    Caller caller = caller(request);
    caller.requireName("reading a broadcast");
    Broadcast broadcast = broadcasts.forViewer(id).orElseThrow(() -> notFound(id));
    Map<String, Object> body = view(broadcast);
    if (caller.mayManage(broadcast.getOwner())) {
      body.put("endpoint", Map.of("type", broadcast.getKind().name()));
    }
    return body;
  }

  /**
   * Stops a broadcast (owner or staff); stopping twice is harmless.
   *
   * @param request the request
   * @param id the id
   * @return the stopped broadcast
   */
  @PostMapping("/api/broadcasts/{id}/stop")
  public Map<String, Object> stop(HttpServletRequest request, @PathVariable String id) {
    Requester requester = requester(request, "stopping a broadcast");
    return view(call(() -> broadcasts.stop(id, requester)));
  }

  /**
   * Replaces a live broadcast's secret (owner or staff).
   *
   * @param request the request
   * @param id the id
   * @return the broadcast and its {@code endpoint} with the new secret
   */
  @PostMapping("/api/broadcasts/{id}/refresh")
  public Map<String, Object> refresh(HttpServletRequest request, @PathVariable String id) {
    Requester requester = requester(request, "refreshing a broadcast");
    BroadcastService.Started<?> started =
        call(() -> broadcasts.refresh(id, requester, base(request)));
    Map<String, Object> body = view(started.broadcast());
    body.put("endpoint", started.endpoint().toMap());
    return body;
  }

  private Map<String, Object> view(Broadcast b) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", b.getId());
    view.put("name", b.getName());
    view.put("owner", b.getOwner());
    view.put("live", b.isLive());
    view.put("kind", b.getKind().name());
    view.put("start_date", SeedResponses.format(b.getStartDate()));
    view.put("stop_date", SeedResponses.format(b.getStopDate()));
    view.put("live_manifest", b.getLiveManifest());
    view.put("event_manifest", b.getEventManifest());
    view.put("playback_url", b.getPlaybackUrl());
    view.put("thumbnail_key", b.getThumbnailKey());
    view.put("recording_uid", b.getRecordingUid());
    view.put("recording_error", b.getRecordingError());
    view.put("viewers", b.isLive() ? viewers.applyAsInt(b.getId()) : 0);
    return view;
  }

  /** The ingest base as an absolute URL of this application, unless configured absolute. */
  private String base(HttpServletRequest request) {
    if (ingestPath.startsWith("http://") || ingestPath.startsWith("https://")) {
      return ingestPath;
    }
    return ServletUriComponentsBuilder.fromContextPath(request).path(ingestPath).toUriString();
  }

  private Caller caller(HttpServletRequest request) {
    return Caller.of(request, staffRole);
  }

  private Requester requester(HttpServletRequest request, String what) {
    Caller caller = caller(request);
    return new Requester(caller.requireName(what), caller.staff());
  }

  private EndpointKind kind(String kind) {
    try {
      return EndpointKind.parse(kind);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(
          ProblemType.BROADCAST_UNSUPPORTED,
          "unknown kind '" + kind + "'; supported: " + broadcasts.supportedKinds());
    }
  }

  private static String required(@Nullable String value, String name) {
    if (value == null || value.isBlank()) {
      throw ApiProblem.badRequest("parameter '" + name + "' is required");
    }
    return value;
  }

  private static ApiProblem notFound(String id) {
    return ApiProblem.notFound(ProblemType.BROADCAST_NOT_FOUND, "no broadcast " + id);
  }

  /** Runs a service call, its refusals answered as problems. */
  private static <T> T call(Supplier<T> action) {
    try {
      return action.get();
    } catch (BroadcastException e) {
      throw switch (e.reason()) {
        case NOT_FOUND -> ApiProblem.notFound(ProblemType.BROADCAST_NOT_FOUND, e.getMessage());
        case FORBIDDEN -> ApiProblem.forbidden(e.getMessage());
        case UNSUPPORTED_KIND -> new ApiProblem(ProblemType.BROADCAST_UNSUPPORTED, e.getMessage());
        case LIMIT_REACHED -> new ApiProblem(ProblemType.BROADCAST_TOO_MANY_LIVE, e.getMessage());
        case NOT_LIVE -> new ApiProblem(ProblemType.BROADCAST_NOT_LIVE, e.getMessage());
        case INVALID -> ApiProblem.badRequest(e.getMessage());
        case INGEST_FAILED -> new ApiProblem(ProblemType.BROADCAST_INGEST_FAILED, e.getMessage());
      };
    }
  }
}
