package io.videokit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.videokit.core.http.ProblemType;
import io.videokit.jpa.VideoAttachDeniedException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every translation path of the Spring MVC advice answers a catalogue problem as {@code
 * application/problem+json} (issue 9).
 */
class VideokitExceptionHandlerTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A videokit endpoint failing in each way the advice translates. */
  @RestController
  @VideokitEndpoint
  static class Failing {
    @GetMapping("/video")
    String video() {
      throw ApiProblem.notFound(ProblemType.VIDEO_NOT_FOUND, "no video abc");
    }

    @GetMapping("/proxy")
    String proxy() {
      throw new ApiProblem(ProblemType.METHOD_NOT_ALLOWED, "only POST").withHeader("Allow", "POST");
    }

    @GetMapping("/refused")
    String refused() {
      throw new ApiProblem(ProblemType.CLOUDFLARE_REFUSED, 409, "Cloudflare said: taken");
    }

    @GetMapping("/search")
    String search(@RequestParam int page) {
      return "page " + page;
    }

    @PostMapping("/share")
    String share(@RequestBody Map<String, String> body) {
      return body.toString();
    }

    @GetMapping("/tus")
    String tus() throws HttpRequestMethodNotSupportedException {
      throw new HttpRequestMethodNotSupportedException("GET", List.of("POST", "PATCH"));
    }

    @GetMapping("/attach")
    String attach() {
      throw new VideoAttachDeniedException("0123456789abcdef");
    }

    @GetMapping("/boom")
    String boom() {
      throw new IllegalStateException("secret table videokit_video at /srv/data");
    }
  }

  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(new Failing())
          .setControllerAdvice(new VideokitExceptionHandler())
          .build();

  private MockHttpServletResponse answer(MockHttpServletRequestBuilder request) throws Exception {
    MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    return response;
  }

  private static JsonNode body(MockHttpServletResponse response) throws Exception {
    return JSON.readTree(response.getContentAsString());
  }

  private static void assertProblem(MockHttpServletResponse response, ProblemType type, int status)
      throws Exception {
    JsonNode problem = body(response);
    assertThat(response.getStatus()).isEqualTo(status);
    assertThat(problem.path("type").asString()).isEqualTo(type.uri());
    assertThat(problem.path("title").asString()).isEqualTo(type.title());
    assertThat(problem.path("status").asInt()).isEqualTo(status);
  }

  @Test
  void anApiProblemIsItsCatalogueEntry() throws Exception {
    MockHttpServletResponse response = answer(get("/video"));

    assertProblem(response, ProblemType.VIDEO_NOT_FOUND, 404);
    assertThat(body(response).path("detail").asString()).isEqualTo("no video abc");
  }

  @Test
  void anApiProblemKeepsItsHeaders() throws Exception {
    MockHttpServletResponse response = answer(get("/proxy"));

    assertProblem(response, ProblemType.METHOD_NOT_ALLOWED, 405);
    assertThat(response.getHeader("Allow")).isEqualTo("POST");
  }

  @Test
  void aCloudflareRefusalKeepsCloudflaresStatus() throws Exception {
    assertProblem(answer(get("/refused")), ProblemType.CLOUDFLARE_REFUSED, 409);
  }

  @Test
  void aMissingOrMalformedParameterIsABadRequest() throws Exception {
    assertProblem(answer(get("/search")), ProblemType.BAD_REQUEST, 400);
    assertProblem(answer(get("/search").param("page", "two")), ProblemType.BAD_REQUEST, 400);
  }

  @Test
  void anUnsupportedMediaTypeIsHttp415() throws Exception {
    MockHttpServletResponse response =
        answer(post("/share").contentType(MediaType.TEXT_PLAIN).content("uid=1"));

    assertProblem(response, ProblemType.HTTP_415, 415);
    assertThat(response.getHeader("Accept")).contains("application/json");
  }

  @Test
  void anUnreadableBodyIsABadRequest() throws Exception {
    assertProblem(
        answer(post("/share").contentType(MediaType.APPLICATION_JSON).content("{not json")),
        ProblemType.BAD_REQUEST,
        400);
  }

  @Test
  void aMethodSpringRefusesIsHttp405WithAllow() throws Exception {
    MockHttpServletResponse response = answer(get("/tus"));

    assertProblem(response, ProblemType.HTTP_405, 405);
    assertThat(response.getHeader("Allow")).contains("POST");
  }

  @Test
  void theAttachPolicyRefusalIsForbidden() throws Exception {
    assertProblem(answer(get("/attach")), ProblemType.CLOUDFLARE_ATTACH_DENIED, 403);
  }

  @Test
  void anUnexpectedExceptionIs500WithoutInternals() throws Exception {
    MockHttpServletResponse response = answer(get("/boom"));

    assertProblem(response, ProblemType.INTERNAL, 500);
    assertThat(response.getContentAsString())
        .doesNotContain("IllegalStateException", "secret", "/srv/data", "at io.videokit");
  }

  @Test
  void theHttpEntriesAreTitledWithSpringsReasonPhrases() {
    for (ProblemType type : ProblemType.values()) {
      if (type.code().matches("http/\\d+")) {
        assertThat(type.title())
            .as(type.code())
            .isEqualTo(HttpStatus.valueOf(type.status()).getReasonPhrase());
      }
    }
  }
}
