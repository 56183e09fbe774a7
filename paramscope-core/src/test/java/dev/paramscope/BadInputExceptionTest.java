package dev.paramscope;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BadInputExceptionTest {
  @Test
  void messageNamesTheSourceFirst() {
    BadInputException e = new BadInputException("config.json", "hidden_size (0) must be positive");
    assertThat(e.getMessage()).isEqualTo("config.json: hidden_size (0) must be positive");
    assertThat(e.source()).isEqualTo("config.json");
  }

  @Test
  void messageWithoutSourceIsTheProblemAlone() {
    assertThat(new BadInputException("", "no source").getMessage()).isEqualTo("no source");
  }
}
