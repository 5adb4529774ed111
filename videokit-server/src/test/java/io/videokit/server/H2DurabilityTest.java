package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default's database keeps every committed row through a kill -9: a writer process
 * using the reference server's own {@code spring.datasource.url} commits rows one by one and says
 * so after each commit, is killed with SIGKILL mid-stream, and every row it acknowledged is there
 * after reopening. (With H2's default write delay, 57–154 of ~1,100 acknowledged rows were lost.)
 */
class H2DurabilityTest {

  private static final int ACKNOWLEDGED_BEFORE_KILL = 400;

  @Test
  void everyAcknowledgedCommitSurvivesKill9(@TempDir Path home) throws Exception {
    Process writer =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Writer.class.getName()))
            .directory(home.toFile())
            .redirectErrorStream(true)
            .start();
    int acknowledged = -1;
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("committed ")) {
          acknowledged = Integer.parseInt(line.substring("committed ".length()));
          if (acknowledged >= ACKNOWLEDGED_BEFORE_KILL) {
            writer.destroyForcibly(); // SIGKILL on POSIX
            break;
          }
        }
      }
    }
    assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(acknowledged).as("the writer ran").isGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

    try (Connection connection =
            DriverManager.getConnection(
                serverUrl().replace("file:./", "file:" + home + "/"), "sa", "");
        ResultSet count =
            connection.createStatement().executeQuery("select count(*), max(i) from durability")) {
      count.next();
      assertThat(count.getInt(2))
          .as("the last acknowledged row")
          .isGreaterThanOrEqualTo(acknowledged);
      assertThat(count.getInt(1)).isGreaterThanOrEqualTo(acknowledged + 1);
    }
  }

  /** The reference server's database URL, from its {@code application.properties}. */
  static String serverUrl() throws Exception {
    Properties properties = new Properties();
    try (InputStream in =
        H2DurabilityTest.class.getClassLoader().getResourceAsStream("application.properties")) {
      properties.load(in);
    }
    String url = properties.getProperty("spring.datasource.url");
    assertThat(url).startsWith("jdbc:h2:file:./");
    return url;
  }

  /** Commits one row at a time and prints {@code committed <i>} after each commit. */
  static final class Writer {
    private Writer() {}

    public static void main(String[] args) throws Exception {
      try (Connection connection = DriverManager.getConnection(serverUrl(), "sa", "")) {
        connection.createStatement().execute("create table durability (i int primary key)");
        PreparedStatement insert = connection.prepareStatement("insert into durability values (?)");
        for (int i = 0; ; i++) {
          insert.setInt(1, i);
          insert.executeUpdate(); // auto-commit: committed when it returns
          System.out.println("committed " + i);
          System.out.flush();
          Thread.sleep(1);
        }
      }
    }
  }
}
