package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes manifests of an app, run for real by {@code podman kube play}: a pod from the Deployment, its env
 * from the ConfigMap, answering on its port. No registry is reachable, so the image is built here from Debian's
 * {@code busybox-static} and the app's script, at the path the manifests name. If podman cannot run on a machine the
 * test is skipped with the reason; on this project's machines {@code .ci/run} installs what it needs.
 */
class KubernetesRunIT {

  private static final Path BUSYBOX = Path.of("/bin/busybox");
  private static final List<String> APPLETS = List.of("sh", "httpd", "env", "mkdir", "echo", "cat", "nc", "sleep");

  @RegisterExtension final JpmHarness jpm = new JpmHarness();

  @TempDir Path podmanState;

  @Test
  void theManifestsOfAnAppRunUnderPodmanKubePlayWithTheirEnvAndPort() throws Exception {
    List<String> unavailable = new ArrayList<>();
    if (!Files.isExecutable(BUSYBOX)) unavailable.add(BUSYBOX + " is not there (.ci/run installs busybox-static)");
    Podman podman = Podman.in(podmanState, unavailable);
    assumeTrue(podman != null, () -> "podman cannot run here: " + String.join("; ", unavailable));
    int port = AdoptionIT.freePort();
    String image = "localhost/jpm-kube-play-it:" + port;
    Path script = jpm.write("serve.sh", """
        mkdir -p /tmp/www
        env > /tmp/www/env.txt
        echo ready > /tmp/www/ready
        exec httpd -f -p "$PORT" -h /tmp/www
        """);
    Path file = jpm.write("eco.yaml", """
        apps:
          - name: Web_App
            script: serve.sh
            interpreter: /bin/sh
            image: %s
            port: %d
            stop_signal: SIGTERM
            health_check: {type: http, path: /ready, interval: 1s, restart_after: 5}
            env: {GREETING: hello from a ConfigMap, COLOUR: blue, SIZE: "3", MODE: test, REGION: here, TIER: web}
        """.formatted(image, port));
    Path manifests = jpm.work.resolve("manifests");
    jpm.run("export", file.toString(), "--to", "kubernetes", "-o", manifests.toString()).expectExit(0);
    Path yaml = manifests.resolve("web-app.yaml");
    assertThat(Files.readString(yaml)).contains("kind: ConfigMap", "configMapRef");

    buildImage(podman, image, script);
    try {
      podman.expect("kube", "play", yaml.toString());

      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
          .untilAsserted(() -> assertThat(get(port, "/ready")).isEqualTo("ready\n"));
      assertThat(get(port, "/env.txt").lines().toList()).contains("GREETING=hello from a ConfigMap", "TIER=web",
          "PORT=" + port, "JPM_APP=Web_App", "NODE_APP_INSTANCE=0");
      assertThat(podman.expect("pod", "ps", "--format", "{{.Name}} {{.Status}}").out())
          .containsPattern("web-app-pod\\S* Running");
    } finally {
      podman.run("kube", "down", yaml.toString());
      podman.run("rmi", "--force", image);
    }
    assertThat(podman.expect("pod", "ps", "--quiet").out()).isBlank();
  }

  /**
   * An image of busybox's applets and the app's script at its own absolute path (the manifests keep jpm's paths),
   * imported from a tar of that folder.
   */
  private void buildImage(Podman podman, String image, Path script) throws IOException, InterruptedException {
    Path rootfs = Files.createDirectories(podmanState.resolve("rootfs"));
    Path bin = Files.createDirectories(rootfs.resolve("bin"));
    Files.copy(BUSYBOX, bin.resolve("busybox"));
    for (String applet : APPLETS) Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
    Path appCopy = rootfs.resolve(script.toString().substring(1));
    Files.createDirectories(appCopy.getParent());
    Files.copy(script, appCopy);
    Path tar = podmanState.resolve("rootfs.tar");
    Process process = new ProcessBuilder("tar", "-C", rootfs.toString(), "-cf", tar.toString(), ".").inheritIO()
        .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("tar of the image's folder").isZero();
    podman.expect("import", "--change", "ENV PATH=/bin", tar.toString(), image);
  }

  private static String get(int port, String path) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "refused: " + e;
    }
  }
}
