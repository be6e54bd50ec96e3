package dev.jpm.engine.git;

import java.io.IOException;
import org.eclipse.jgit.lib.BranchConfig;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/** The checked-out branch and where it tracks: the facts revision info and checkout moves share. */
record Branches(String branch, String remote, String trackingRef) {

  /** What HEAD is on; {@code branch} is null when HEAD is detached. */
  static Branches of(Repository repo) throws IOException {
    String full = repo.getFullBranch();
    if (full == null || !full.startsWith(Constants.R_HEADS)) return new Branches(null, Constants.DEFAULT_REMOTE_NAME,
        null);
    String branch = Repository.shortenRefName(full);
    BranchConfig config = new BranchConfig(repo.getConfig(), branch);
    String remote = config.getRemote() == null ? Constants.DEFAULT_REMOTE_NAME : config.getRemote();
    String tracking = config.getRemoteTrackingBranch();
    if (tracking == null) tracking = Constants.R_REMOTES + remote + "/" + branch;
    return new Branches(branch, remote, tracking);
  }

  String remoteUrl(Repository repo) {
    return repo.getConfig().getString("remote", remote, "url");
  }

  /** The head of the remote-tracking branch, or null when there is none (no remote, never fetched). */
  ObjectId trackingHead(Repository repo) throws IOException {
    return trackingRef == null ? null : repo.resolve(trackingRef);
  }
}
