package dev.jpm.engine.home;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HandOverNoteTest {

  @Test
  void readsItsOwnTextBackAndTheOlderPidOnlyForm() {
    HandOverNote starting = new HandOverNote(4242, true);
    assertThat(HandOverNote.parse(starting.text())).contains(starting);
    assertThat(HandOverNote.parse(new HandOverNote(7, false).text())).contains(new HandOverNote(7, false));
    assertThat(HandOverNote.parse("123\n")).as("what jpm wrote before").contains(new HandOverNote(123, false));
  }

  @Test
  void aGarbledNoteIsNoNote() {
    assertThat(HandOverNote.parse("")).isEmpty();
    assertThat(HandOverNote.parse("pid starts-successor")).isEmpty();
  }

  @Test
  void theCallerItselfIsNotAnotherLiveProcess() {
    assertThat(new HandOverNote(ProcessHandle.current().pid(), true).fromAnotherLiveProcess()).isFalse();
    assertThat(new HandOverNote(ProcessHandle.current().parent().orElseThrow().pid(), true).fromAnotherLiveProcess())
        .isTrue();
  }
}
