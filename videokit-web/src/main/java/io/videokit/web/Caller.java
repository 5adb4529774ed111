package io.videokit.web;

import io.videokit.core.tus.TusCaller;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.jspecify.annotations.Nullable;

/**
 * The principal behind a request, as videokit sees it: a name (or none) and whether it is staff.
 * Works with any authentication that sets the servlet principal (Spring Security, container auth).
 *
 * @param name the principal's name, or null for an anonymous request
 * @param staff whether it holds the staff role
 */
public record Caller(@Nullable String name, boolean staff) {

  /**
   * Reads the caller from a request.
   *
   * @param request the request
   * @param staffRole the staff role (without {@code ROLE_})
   * @return the caller
   */
  public static Caller of(HttpServletRequest request, String staffRole) {
    Principal principal = request.getUserPrincipal();
    if (principal == null) {
      return new Caller(null, false);
    }
    return new Caller(principal.getName(), request.isUserInRole(staffRole));
  }

  /**
   * Whether a principal is present.
   *
   * @return true when authenticated
   */
  public boolean isAuthenticated() {
    return name != null;
  }

  /**
   * Whether this caller owns something created by {@code owner}, or is staff.
   *
   * @param owner the creator's name
   * @return true if the caller may change or delete it
   */
  public boolean mayManage(String owner) {
    return staff || (name != null && name.equals(owner));
  }

  /**
   * The caller as the tus handler wants it.
   *
   * @return the tus caller, or null when anonymous
   */
  public @Nullable TusCaller toTusCaller() {
    return name == null ? null : new TusCaller(name, staff);
  }

  /**
   * The name, or a 401 problem when anonymous.
   *
   * @param what what is attempted, for the message
   * @return the name
   * @throws ApiProblem 401 when anonymous
   */
  public String requireName(String what) {
    if (name == null) {
      throw ApiProblem.unauthenticated(what);
    }
    return name;
  }

  /**
   * The name of a staff caller, or a 401/403 problem.
   *
   * @param what what is attempted, for the 401 message
   * @param refusal the 403 detail for an authenticated non-staff caller
   * @return the name
   * @throws ApiProblem 401 when anonymous, 403 when not staff
   */
  public String requireStaff(String what, String refusal) {
    String caller = requireName(what);
    if (!staff) {
      throw ApiProblem.forbidden(refusal);
    }
    return caller;
  }
}
