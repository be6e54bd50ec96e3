package dev.jpm.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsageTest {

  @Test
  void cpuShowsTenthsBelowTenPercentAndWholePercentsAbove() {
    assertThat(Usage.cpu(null)).isEqualTo("-");
    assertThat(Usage.cpu(0.0)).isEqualTo("0.0%");
    assertThat(Usage.cpu(3.45)).isEqualTo("3.5%");
    assertThat(Usage.cpu(9.96)).isEqualTo("10.0%");
    assertThat(Usage.cpu(12.5)).isEqualTo("13%");
    assertThat(Usage.cpu(187.2)).isEqualTo("187%");
  }

  @Test
  void memoryTakesTheLargestUnitBelow1024WithTenthsUnderAHundred() {
    assertThat(Usage.memory(null)).isEqualTo("-");
    assertThat(Usage.memory(512L)).isEqualTo("512B");
    assertThat(Usage.memory(1536L)).isEqualTo("1.5K");
    assertThat(Usage.memory(5_557_452L)).isEqualTo("5.3M");
    assertThat(Usage.memory(200L * 1024 * 1024)).isEqualTo("200M");
    assertThat(Usage.memory(3_221_225_472L)).isEqualTo("3.0G");
  }
}
