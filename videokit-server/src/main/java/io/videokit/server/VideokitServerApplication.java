package io.videokit.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The videokit reference server: the starter, Spring Security with the users of {@code
 * videokit.server.users[i].*}, an H2 file database and local disk under {@code data/}, and a web
 * page for uploading and watching.
 */
@SpringBootApplication
public class VideokitServerApplication {

  /** Creates the application's configuration; used by Spring. */
  public VideokitServerApplication() {}

  /**
   * Starts the server.
   *
   * @param args Spring Boot arguments, e.g. {@code --server.port=9090}
   */
  public static void main(String[] args) {
    SpringApplication.run(VideokitServerApplication.class, args);
  }
}
