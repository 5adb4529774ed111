package io.videokit.jpa;

import io.videokit.jpa.VideoAttachPolicy.Attacher;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is behind the HTTP request served on this thread, if any. Loads servlet and Spring Web
 * classes only when they are present, so JPA applications without a web layer work too.
 */
final class RequestAccess {

  private static final boolean WEB =
      ClassUtils.isPresent(
              "org.springframework.web.context.request.RequestContextHolder",
              RequestAccess.class.getClassLoader())
          && ClassUtils.isPresent(
              "jakarta.servlet.http.HttpServletRequest", RequestAccess.class.getClassLoader());

  private static final Attacher NO_REQUEST = new Attacher(false, null, false);

  private RequestAccess() {}

  static Attacher currentAttacher(String staffRole) {
    return WEB ? Servlet.attacher(staffRole) : NO_REQUEST;
  }

  private static final class Servlet {
    static Attacher attacher(String staffRole) {
      RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
      if (!(attributes instanceof ServletRequestAttributes servlet)) {
        return NO_REQUEST;
      }
      HttpServletRequest request = servlet.getRequest();
      Principal principal = request.getUserPrincipal();
      if (principal == null) {
        return new Attacher(true, null, false);
      }
      return new Attacher(true, principal.getName(), request.isUserInRole(staffRole));
    }
  }
}
