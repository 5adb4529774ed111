package io.videokit.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.core.http.ProblemType;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The 401/403 answers of Spring Security are catalogue problems (issue 9). */
class ProblemSecurityHandlersTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode problem(MockHttpServletResponse response, ProblemType type)
      throws Exception {
    assertThat(response.getStatus()).isEqualTo(type.status());
    assertThat(response.getContentType()).startsWith("application/problem+json");
    JsonNode body = JSON.readTree(response.getContentAsString());
    assertThat(body.path("type").asString()).isEqualTo(type.uri());
    assertThat(body.path("title").asString()).isEqualTo(type.title());
    assertThat(body.path("status").asInt()).isEqualTo(type.status());
    return body;
  }

  @Test
  void anAnonymousRequestIsA401Problem() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();

    new ProblemAuthenticationEntryPoint()
        .commence(
            new MockHttpServletRequest("POST", "/api/uploads"),
            response,
            new InsufficientAuthenticationException("anonymous"));

    JsonNode body = problem(response, ProblemType.UNAUTHENTICATED);
    assertThat(body.path("detail").asString()).isEqualTo("log in, or send HTTP Basic credentials");
    assertThat(response.getHeader("WWW-Authenticate")).isNull();
  }

  @Test
  void wrongCredentialsAreA401ProblemSayingSo() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();

    new ProblemAuthenticationEntryPoint()
        .commence(
            new MockHttpServletRequest("GET", "/api/videos"),
            response,
            new BadCredentialsException("Bad credentials"));

    assertThat(problem(response, ProblemType.UNAUTHENTICATED).path("detail").asString())
        .isEqualTo("the credentials were not accepted");
  }

  @Test
  void aRefusedRequestIsA403Problem() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();

    new ProblemAccessDeniedHandler()
        .handle(
            new MockHttpServletRequest("DELETE", "/api/videos/abc"),
            response,
            new AccessDeniedException("Invalid CSRF token"));

    assertThat(problem(response, ProblemType.FORBIDDEN).path("detail").asString())
        .doesNotContain("CSRF token found");
  }

  @Test
  void aHeadRequestGetsTheStatusWithoutABody() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();

    new ProblemAuthenticationEntryPoint()
        .commence(
            new MockHttpServletRequest("HEAD", "/api/uploads/abc"),
            response,
            new InsufficientAuthenticationException("anonymous"));

    assertThat(response.getStatus()).isEqualTo(401);
    assertThat(response.getContentAsByteArray()).isEmpty();
  }
}
