package io.videokit.server.users;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The users of {@link ServerUsersProperties}, in memory, in place of Spring Boot's one {@code
 * spring.security.user}. Passwords are checked by Spring Security's delegating encoder ({@code
 * {bcrypt}}, {@code {noop}}, ...). A user without a name or password, or a name given twice, stops
 * the start-up with a message naming the index.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServerUsersProperties.class)
public class ServerUsersConfiguration {

  private static final Pattern ENCODED = Pattern.compile("^\\{[^{}]*}.*", Pattern.DOTALL);

  /** Creates the configuration; used by Spring. */
  public ServerUsersConfiguration() {}

  /** How long a password that matched its stored hash is remembered ({@link #passwordEncoder}). */
  static final Duration VERIFIED_CREDENTIAL_TTL = Duration.ofMinutes(5);

  /** How many stored hashes the verified-credential cache keeps at most. */
  static final long VERIFIED_CREDENTIALS = 10_000;

  /**
   * The password encoder: {@code {bcrypt}} for new passwords, every Spring Security id accepted,
   * behind a {@link VerifiedCredentialCache}: HTTP Basic sends the password on every request, and a
   * bcrypt check (~90 ms) per tus PATCH would cap an upload's throughput; a password that matched
   * is remembered (as an HMAC, never in plain) for {@link #VERIFIED_CREDENTIAL_TTL}, a wrong one is
   * checked in full every time.
   *
   * @return the caching, delegating encoder
   */
  @Bean
  public PasswordEncoder passwordEncoder() {
    return new VerifiedCredentialCache(
        PasswordEncoderFactories.createDelegatingPasswordEncoder(),
        VERIFIED_CREDENTIAL_TTL,
        VERIFIED_CREDENTIALS);
  }

  /**
   * The configured users. A plain {@link UserDetailsService}, not the manager itself: Spring
   * Security would otherwise "upgrade" {@code {noop}} passwords to bcrypt at the first login and
   * then spend a bcrypt hash on every later HTTP Basic request.
   *
   * @param properties the users
   * @return the lookup by name
   */
  @Bean
  public UserDetailsService serverUsers(ServerUsersProperties properties) {
    return new InMemoryUserDetailsManager(users(properties))::loadUserByUsername;
  }

  static List<UserDetails> users(ServerUsersProperties properties) {
    List<UserDetails> users = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<ServerUsersProperties.User> configured = properties.getUsers();
    for (int i = 0; i < configured.size(); i++) {
      ServerUsersProperties.User user = configured.get(i);
      String key = "videokit.server.users[" + i + "]";
      if (user.getName() == null || user.getName().isBlank()) {
        throw new IllegalStateException(key + ".name is missing");
      }
      if (user.getPassword() == null || user.getPassword().isEmpty()) {
        throw new IllegalStateException(key + ".password is missing (user " + user.getName() + ")");
      }
      if (!names.add(user.getName())) {
        throw new IllegalStateException(key + ".name repeats the user " + user.getName());
      }
      String password = user.getPassword();
      if (!ENCODED.matcher(password).matches()) {
        password = "{noop}" + password;
      }
      users.add(
          User.withUsername(user.getName())
              .password(password)
              .roles(user.getRoles().toArray(String[]::new))
              .build());
    }
    return users;
  }
}
