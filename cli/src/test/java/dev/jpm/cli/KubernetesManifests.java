package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.json.JsonMapper;

/**
 * A YAML stream of manifests read by the official Kubernetes model ({@code fromJson} refuses unknown fields, missing
 * required fields and wrong types), then checked for what the model cannot see: DNS-1035 names, selectors that
 * match their pods' labels, ports in range, probes on ports the container declares.
 */
final class KubernetesManifests {

  private static final Pattern DNS_1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

  final List<V1Deployment> deployments = new ArrayList<>();
  final List<V1Service> services = new ArrayList<>();
  final List<V1CronJob> cronJobs = new ArrayList<>();
  final List<V1ConfigMap> configMaps = new ArrayList<>();

  /** Reads every document of {@code yaml}; an object the model refuses fails with the model's reason. */
  static KubernetesManifests read(String yaml) throws IOException {
    KubernetesManifests manifests = new KubernetesManifests();
    for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(yaml)) {
      String json = JsonMapper.shared().writeValueAsString(document);
      String kind = String.valueOf(((Map<?, ?>) document).get("kind"));
      switch (kind) {
        case "Deployment" -> manifests.deployments.add(V1Deployment.fromJson(json));
        case "Service" -> manifests.services.add(V1Service.fromJson(json));
        case "CronJob" -> manifests.cronJobs.add(V1CronJob.fromJson(json));
        case "ConfigMap" -> manifests.configMaps.add(V1ConfigMap.fromJson(json));
        default -> throw new AssertionError("jpm export wrote an unexpected kind: " + kind);
      }
    }
    return manifests;
  }

  int size() {
    return deployments.size() + services.size() + cronJobs.size() + configMaps.size();
  }

  /** jpm's own rules, which the model's types do not state. */
  void checkConsistency() {
    Stream.of(deployments.stream().map(d -> d.getMetadata().getName()),
        services.stream().map(s -> s.getMetadata().getName()),
        cronJobs.stream().map(c -> c.getMetadata().getName())).flatMap(s -> s)
        .forEach(name -> assertThat(name).hasSizeLessThanOrEqualTo(63).matches(DNS_1035));
    for (V1Deployment deployment : deployments) {
      Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
      assertThat(labels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
      checkPod(deployment.getSpec().getTemplate(), configMapNames());
    }
    for (V1CronJob cronJob : cronJobs)
      checkPod(cronJob.getSpec().getJobTemplate().getSpec().getTemplate(), configMapNames());
    for (V1Service service : services) {
      V1Deployment target = deployments.stream()
          .filter(d -> d.getMetadata().getName().equals(service.getMetadata().getName())).findFirst()
          .orElseThrow(() -> new AssertionError("Service " + service.getMetadata().getName() + " has no Deployment"));
      assertThat(target.getSpec().getTemplate().getMetadata().getLabels())
          .containsAllEntriesOf(service.getSpec().getSelector());
      List<Integer> containerPorts = ports(target.getSpec().getTemplate());
      for (V1ServicePort port : service.getSpec().getPorts()) {
        assertThat(port.getPort()).isBetween(1, 65535);
        assertThat(containerPorts).contains(port.getTargetPort().getIntValue());
      }
    }
  }

  private List<String> configMapNames() {
    return configMaps.stream().map(c -> c.getMetadata().getName()).toList();
  }

  /** Probes on declared ports, and every ConfigMap an {@code envFrom} reads is in the stream. */
  private static void checkPod(V1PodTemplateSpec pod, List<String> configMaps) {
    List<Integer> ports = ports(pod);
    ports.forEach(port -> assertThat(port).isBetween(1, 65535));
    for (V1Container container : pod.getSpec().getContainers()) {
      assertThat(container.getName()).matches(DNS_1035);
      assertThat(container.getImage()).isNotBlank();
      Stream.of(container.getReadinessProbe(), container.getLivenessProbe(), container.getStartupProbe())
          .filter(Objects::nonNull).map(KubernetesManifests::probePort)
          .forEach(port -> assertThat(ports).as("probe port of %s", container.getName()).contains(port));
      if (container.getEnvFrom() != null)
        container.getEnvFrom().forEach(source -> assertThat(configMaps).as("ConfigMaps of %s", container.getName())
            .contains(source.getConfigMapRef().getName()));
    }
  }

  private static int probePort(V1Probe probe) {
    return probe.getHttpGet() != null ? probe.getHttpGet().getPort().getIntValue()
        : probe.getTcpSocket().getPort().getIntValue();
  }

  private static List<Integer> ports(V1PodTemplateSpec pod) {
    return pod.getSpec().getContainers().stream()
        .flatMap(c -> c.getPorts() == null ? Stream.<V1ContainerPort>empty() : c.getPorts().stream())
        .map(V1ContainerPort::getContainerPort).toList();
  }
}
