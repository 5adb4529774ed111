package io.videokit.server.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The verified-credential cache behind the reference server's HTTP Basic: bcrypt once for many
 * requests with the same right password, every wrong password checked in full and refused, a
 * changed or removed user refused at once, an entry forgotten after its TTL — through Spring
 * Security's own {@link DaoAuthenticationProvider}, with a real (cheap-cost) bcrypt.
 */
class VerifiedCredentialCacheTest {

  /** A real bcrypt that counts its checks. */
  static final class CountingBcrypt implements PasswordEncoder {
    final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    final AtomicInteger checks = new AtomicInteger();

    @Override
    public @Nullable String encode(@Nullable CharSequence raw) {
      return bcrypt.encode(raw);
    }

    @Override
    public boolean matches(@Nullable CharSequence raw, @Nullable String encoded) {
      checks.incrementAndGet();
      return bcrypt.matches(raw, encoded);
    }
  }

  final CountingBcrypt bcrypt = new CountingBcrypt();
  final AtomicLong nanos = new AtomicLong();
  final VerifiedCredentialCache cache =
      new VerifiedCredentialCache(bcrypt, Duration.ofMinutes(5), 100, nanos::get);
  final Map<String, UserDetails> users = new ConcurrentHashMap<>();
  final DaoAuthenticationProvider provider =
      new DaoAuthenticationProvider(name -> {
        UserDetails user = users.get(name);
        if (user == null) {
          throw new UsernameNotFoundException(name);
        }
        return User.withUserDetails(user).build();
      });

  VerifiedCredentialCacheTest() {
    provider.setPasswordEncoder(cache);
    user("alice", "secret");
  }

  void user(String name, String password) {
    users.put(
        name, User.withUsername(name).password(bcrypt.encode(password)).roles("USER").build());
  }

  Authentication login(String name, String password) {
    return provider.authenticate(
        UsernamePasswordAuthenticationToken.unauthenticated(name, password));
  }

  @Test
  void aRightPasswordCostsOneBcryptForManyRequests() {
    for (int i = 0; i < 20; i++) {
      assertThat(login("alice", "secret").isAuthenticated()).isTrue();
    }
    assertThat(bcrypt.checks).hasValue(1);
  }

  @Test
  void aWrongPasswordAfterARightOneIsRefusedAndCheckedInFullEveryTime() {
    login("alice", "secret");
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> login("alice", "secreT"))
          .isInstanceOf(BadCredentialsException.class);
    }
    assertThat(bcrypt.checks).hasValue(4);
    // and the wrong one did not push out the right one
    assertThat(login("alice", "secret").isAuthenticated()).isTrue();
    assertThat(bcrypt.checks).hasValue(4);
  }

  @Test
  void aWrongPasswordIsNotRememberedAsRight() {
    assertThatThrownBy(() -> login("alice", "guess")).isInstanceOf(BadCredentialsException.class);
    assertThatThrownBy(() -> login("alice", "guess")).isInstanceOf(BadCredentialsException.class);
    assertThat(bcrypt.checks).hasValue(2);
  }

  @Test
  void theOldPasswordIsRefusedAtOnceAfterAChange() {
    login("alice", "secret");
    user("alice", "new secret");
    assertThatThrownBy(() -> login("alice", "secret")).isInstanceOf(BadCredentialsException.class);
    assertThat(login("alice", "new secret").isAuthenticated()).isTrue();
  }

  @Test
  void aRemovedUserIsRefusedAtOnce() {
    login("alice", "secret");
    users.remove("alice");
    assertThatThrownBy(() -> login("alice", "secret")).isInstanceOf(BadCredentialsException.class);
  }

  @Test
  void anotherUserWithTheSamePasswordPaysItsOwnCheck() {
    user("bob", "secret");
    login("alice", "secret");
    login("bob", "secret");
    login("bob", "secret");
    assertThat(bcrypt.checks).hasValue(2);
  }

  @Test
  void anAcceptedPasswordIsCheckedAgainAfterTheTtl() {
    login("alice", "secret");
    nanos.addAndGet(Duration.ofMinutes(5).minusSeconds(1).toNanos());
    login("alice", "secret");
    assertThat(bcrypt.checks).hasValue(1);
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    login("alice", "secret");
    assertThat(bcrypt.checks).hasValue(2);
  }

  @Test
  void nullsAndEncodingGoToTheDelegate() {
    String hash = cache.encode("x");
    assertThat(bcrypt.bcrypt.matches("x", hash)).isTrue();
    assertThat(cache.matches(null, hash)).isFalse();
    assertThat(cache.matches("x", null)).isFalse();
    assertThat(cache.upgradeEncoding(hash)).isFalse();
    assertThat(bcrypt.checks).hasValue(2);
  }

  @Test
  void theServersEncoderIsTheCacheOverTheDelegatingEncoder() {
    PasswordEncoder encoder = new ServerUsersConfiguration().passwordEncoder();
    assertThat(encoder).isInstanceOf(VerifiedCredentialCache.class);
    String hash = encoder.encode("pw");
    assertThat(hash).startsWith("{bcrypt}");
    assertThat(encoder.matches("pw", hash)).isTrue();
    assertThat(encoder.matches("pw", hash)).isTrue();
    assertThat(encoder.matches("pW", hash)).isFalse();
    assertThat(encoder.matches("plain", "{noop}plain")).isTrue();
  }
}
