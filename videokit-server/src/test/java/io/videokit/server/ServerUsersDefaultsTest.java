package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.videokit.server.stats.UserAgentFamily;
import io.videokit.server.users.ServerUsersConfiguration;
import io.videokit.server.users.ServerUsersProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The reference server's default users as {@code application.properties} configures them ({@code
 * admin}/{@code videokit} staff, {@code alice}/{@code alice} plain, bcrypt), plain-text and {@code
 * {noop}} passwords, a user without a password; and the user-agent families of the staff charts.
 */
class ServerUsersDefaultsTest {

  final ServerUsersConfiguration configuration = new ServerUsersConfiguration();
  final PasswordEncoder encoder = configuration.passwordEncoder();

  @Test
  void theServersOwnKeysAreInItsConfigurationMetadata() throws Exception {
    java.util.Set<String> names = new java.util.TreeSet<>();
    var files =
        getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
    while (files.hasMoreElements()) {
      try (var in = files.nextElement().openStream()) {
        var root = tools.jackson.databind.json.JsonMapper.builder().build().readTree(in);
        root.path("properties").forEach(p -> names.add(p.path("name").asString()));
        root.path("groups").forEach(g -> names.add(g.path("name").asString()));
      }
    }
    // IDE completion for videokit.server.users[…].name/password/roles
    assertThat(names).contains("videokit.server", "videokit.server.users");
  }

  @Test
  void applicationPropertiesHasAStaffAndAPlainUserWithBcryptPasswords() throws Exception {
    PropertySource<?> file =
        new PropertiesPropertySourceLoader()
            .load("application", new ClassPathResource("application.properties"))
            .get(0);
    Map<?, ?> source = (Map<?, ?>) file.getSource();
    ServerUsersProperties properties =
        new Binder(new MapConfigurationPropertySource(source))
            .bind("videokit.server", ServerUsersProperties.class)
            .get();
    UserDetailsService users = configuration.serverUsers(properties);

    UserDetails admin = users.loadUserByUsername("admin");
    UserDetails alice = users.loadUserByUsername("alice");
    assertThat(admin.getPassword()).startsWith("{bcrypt}");
    assertThat(encoder.matches("videokit", admin.getPassword())).isTrue();
    assertThat(encoder.matches("alice", alice.getPassword())).isTrue();
    assertThat(encoder.matches("videokit", alice.getPassword())).isFalse();
    assertThat(admin.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_ADMIN");
    assertThat(alice.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_USER");
    assertThat(source.keySet().toString()).doesNotContain("spring.security.user");
  }

  @Test
  void plainAndNoopPasswordsWorkAndAUserWithoutAPasswordStopsTheStart() {
    ServerUsersProperties properties = new ServerUsersProperties();
    properties.getUsers().add(user("carol", "plain-text"));
    properties.getUsers().add(user("dave", "{noop}noop-text"));
    UserDetailsService users = configuration.serverUsers(properties);
    assertThat(encoder.matches("plain-text", users.loadUserByUsername("carol").getPassword()))
        .isTrue();
    assertThat(encoder.matches("noop-text", users.loadUserByUsername("dave").getPassword()))
        .isTrue();
    assertThat(users.loadUserByUsername("carol").getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_USER");

    properties.getUsers().add(user("erin", null));
    assertThatThrownBy(() -> configuration.serverUsers(properties))
        .hasMessage("videokit.server.users[2].password is missing (user erin)");
    properties.getUsers().set(2, user("carol", "again"));
    assertThatThrownBy(() -> configuration.serverUsers(properties))
        .hasMessage("videokit.server.users[2].name repeats the user carol");
  }

  @Test
  void userAgentFamilies() {
    assertThat(
            UserAgentFamily.of(
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " HeadlessChrome/140.0.0.0 Safari/537.36"))
        .isEqualTo("Chrome");
    assertThat(
            UserAgentFamily.of(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0"))
        .isEqualTo("Edge");
    assertThat(
            UserAgentFamily.of(
                "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"))
        .isEqualTo("Firefox");
    assertThat(
            UserAgentFamily.of(
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like"
                    + " Gecko) Version/18.0 Safari/605.1.15"))
        .isEqualTo("Safari");
    assertThat(UserAgentFamily.of("curl/8.5.0")).isEqualTo("curl");
    assertThat(UserAgentFamily.of("Java-http-client/25")).isEqualTo("other");
    assertThat(UserAgentFamily.of(null)).isEqualTo("other");
  }

  private static ServerUsersProperties.User user(String name, String password) {
    ServerUsersProperties.User user = new ServerUsersProperties.User();
    user.setName(name);
    user.setPassword(password);
    return user;
  }
}
