package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log files in a folder others can write are refused at validate time, unless the folder is the user's own. */
class SharedFoldersTest {

  @TempDir Path temp;

  private LoadResult load(String outFile) throws IOException {
    LoaderFixture fx = new LoaderFixture(temp).script("app.sh");
    return fx.load("ecosystem.yaml", """
        apps:
          - name: api
            script: app.sh
            out_file: %s
        """.formatted(outFile));
  }

  @Test
  void aFolderOthersCanWriteAndSomeoneElseOwnsIsRefusedAtTheKey() throws IOException {
    Path shared = Files.createDirectories(temp.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    UserPrincipal nobody = shared.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Files.setOwner(shared, nobody); // needs root, as CI runs; elsewhere the next line reports it
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.getOwner(shared).equals(nobody), "chown needs root");

    LoadResult result = load(shared.resolve("api.log").toString());

    assertThat(result.errors()).extracting(ConfigProblem::render).singleElement().asString()
        .contains("app \"api\": out_file: the folder " + shared + " is writable by others and belongs to nobody");
  }

  @Test
  void theUsersOwnFoldersAndNewFoldersAreFine() throws IOException {
    Path mine = Files.createDirectories(temp.resolve("mine"));
    Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThat(load(mine.resolve("api.log").toString()).errors()).isEmpty();
    assertThat(load(temp.resolve("not-yet/api.log").toString()).errors()).isEmpty();
    assertThat(load("/dev/null").errors()).isEmpty();
  }
}
