package io.videokit.server.users;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The reference server's users ({@code videokit.server.users[i].name}, {@code .password}, {@code
 * .roles}): a server setting, not part of the library. A password is stored as Spring Security's
 * {@code {id}encoded} form ({@code {bcrypt}$2a$...}, {@code {noop}plain}); one without an {@code
 * {id}} prefix is taken as plain text, as {@code spring.security.user.password} is.
 */
@ConfigurationProperties("videokit.server")
public class ServerUsersProperties {

  private List<User> users = new ArrayList<>();

  /** Creates empty settings; bound by Spring. */
  public ServerUsersProperties() {}

  /**
   * The users.
   *
   * @return the users, in the order configured
   */
  public List<User> getUsers() {
    return users;
  }

  /**
   * Sets the users.
   *
   * @param users the users
   */
  public void setUsers(List<User> users) {
    this.users = users;
  }

  /** One user: a name, a password and roles (without the {@code ROLE_} prefix). */
  public static class User {

    private String name;
    private String password;
    private List<String> roles = new ArrayList<>(List.of("USER"));

    /** Creates an empty user; bound by Spring. */
    public User() {}

    /**
     * The login name.
     *
     * @return the name
     */
    public String getName() {
      return name;
    }

    /**
     * Sets the login name.
     *
     * @param name the name
     */
    public void setName(String name) {
      this.name = name;
    }

    /**
     * The password, e.g. {@code {bcrypt}$2a$10$...} or {@code {noop}secret}.
     *
     * @return the password
     */
    public String getPassword() {
      return password;
    }

    /**
     * Sets the password.
     *
     * @param password {@code {id}encoded}, or plain text
     */
    public void setPassword(String password) {
      this.password = password;
    }

    /**
     * The roles, e.g. {@code ADMIN} (staff, with the default {@code videokit.security.staff-role})
     * or {@code USER}; default {@code USER}.
     *
     * @return the roles
     */
    public List<String> getRoles() {
      return roles;
    }

    /**
     * Sets the roles.
     *
     * @param roles role names without the {@code ROLE_} prefix
     */
    public void setRoles(List<String> roles) {
      this.roles = roles;
    }
  }
}
