package ai.sendpilot.sql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ./sqlline with a URL of the user's own, such as a team server's. */
class RemoteLoginTest {
  private static List<String> args(String... userArgs) {
    return List.of(SqlLineMain.sqlLineArguments(userArgs, Map.of(), true));
  }

  @Test void theUsersOwnUrlReplacesTheDriversAndNoDemoStarts() {
    assertEquals(List.of("--isolation=TRANSACTION_NONE",
        "--connectInteractionMode=notAskCredentials", "--fastConnect=false", "-u",
        "jdbc:sendpilot:demo=true"),
        args("-u", "jdbc:sendpilot:demo=true"));
  }

  @Test void userAndPasswordBecomeTheAvaticaHttpLogin() {
    List<String> args = args("-u", "jdbc:avatica:remote:url=http://127.0.0.1:8765;"
        + "serialization=protobuf", "-n", "alice", "-p", "it's;secret");
    assertEquals("jdbc:avatica:remote:url=http://127.0.0.1:8765;serialization=protobuf;"
        + "authentication=BASIC;avatica_user='alice';avatica_password='it''s;secret'",
        args.get(args.indexOf("-u") + 1));
  }

  @Test void anExplicitLoginOrAuthenticationIsKept() {
    String url = "jdbc:avatica:remote:url=http://h:1;authentication=DIGEST";
    List<String> args = args("-u", url, "-n", "bob", "-p", "pw");
    assertEquals(url + ";avatica_user='bob';avatica_password='pw'",
        args.get(args.indexOf("-u") + 1));
    String withLogin = url + ";avatica_user=carol;avatica_password=x";
    List<String> kept = args("-u", withLogin, "-n", "bob");
    assertEquals(withLogin, kept.get(kept.indexOf("-u") + 1));
  }
}
