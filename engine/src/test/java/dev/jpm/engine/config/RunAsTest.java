package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jpm.engine.model.RunAs;
import dev.jpm.engine.os.Users;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PM2's uid/user and gid: checked against the machine's users where the file is read. */
class RunAsTest {

  @TempDir Path temp;

  private LoadResult load(String keys) {
    LoaderFixture fx = new LoaderFixture(temp).script("app.sh");
    return fx.load("ecosystem.yaml", """
        apps:
          - name: api
            script: app.sh
        %s
        """.formatted(keys.indent(4).stripTrailing()));
  }

  @Test
  void aUserAndGroupOfTheMachineAreKeptAsWrittenWhenTheDaemonIsRoot() {
    assumeTrue(Users.effectiveUid() == 0, "switching users needs root (CI runs as root)");

    assertThat(load("uid: nobody").desired().apps().getFirst().runAs()).isEqualTo(new RunAs("nobody", null));
    assertThat(load("user: nobody\ngid: nogroup").desired().apps().getFirst().runAs())
        .isEqualTo(new RunAs("nobody", "nogroup"));
    assertThat(load("uid: 65534").desired().apps().getFirst().runAs()).isEqualTo(new RunAs("65534", null));
  }

  @Test
  void unknownUsersAndGroupsAndAGroupAloneAreLocatedErrors() {
    assertThat(load("uid: no-such-user-of-jpm").errors()).extracting(ConfigProblem::render).singleElement()
        .asString().contains("ecosystem.yaml:4:", "app \"api\": uid: no user 'no-such-user-of-jpm' on this machine");
    assertThat(load("uid: nobody\ngid: no-such-group-of-jpm").errors()).extracting(ConfigProblem::render)
        .singleElement().asString().contains("gid: no group 'no-such-group-of-jpm' on this machine");
    assertThat(load("gid: nogroup").errors()).extracting(ConfigProblem::render).singleElement().asString()
        .contains("gid: gid needs uid (or user)");
  }

  @Test
  void onlyRootSwitchesUsersAnyoneElseOnlyNamesItself() {
    Users.User nobody = new Users.User("nobody", 65534, 65534, "/nonexistent");
    assertThat(RunAsMapper.refusal(nobody, 65534, 0)).as("root").isNull();
    assertThat(RunAsMapper.refusal(nobody, 65534, 65534)).as("yourself").isNull();
    assertThat(RunAsMapper.refusal(nobody, 65534, 1000)).contains("needs jpm's daemon to run as root", "uid 1000");
    assertThat(RunAsMapper.refusal(nobody, 0, 65534)).as("yourself, another group")
        .contains("needs jpm's daemon to run as root");
  }

  @Test
  void applyByRootWarnsOnceForTheAppsThatNameNoUser() {
    LoaderFixture fx = new LoaderFixture(temp).script("app.sh");
    var desired = fx.load("ecosystem.yaml", """
        apps:
          - {name: a, script: app.sh}
          - {name: b, script: app.sh}
        """).desired();

    assertThat(RunsAsRoot.warning(desired, 0)).hasValue(
        "2 apps run as root, as jpm's daemon does: name the user with uid (PM2's user) to run them as that user");
    assertThat(RunsAsRoot.warning(desired, 1000)).as("not root").isEmpty();
  }
}
