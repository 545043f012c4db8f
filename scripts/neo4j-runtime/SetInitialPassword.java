// Sets the initial password of the `neo4j` user in a fresh Neo4j 5 home, the way
// `neo4j-admin dbms set-initial-password` does (it writes data/dbms/auth.ini, which the
// server consumes when it creates the system database on first start).
//
// It reads the password from the environment variable NEO4J_PASSWORD rather than from the
// command line, so the password never shows up in `ps` output.
//
// Usage: java -cp <neo4j classpath>:<dir of this class> SetInitialPassword <home-dir> <config-dir>
import java.nio.file.Path;
import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;

public final class SetInitialPassword {
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: SetInitialPassword <home-dir> <config-dir>");
            System.exit(2);
        }
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.isEmpty()) {
            System.err.println("SetInitialPassword: NEO4J_PASSWORD is not set");
            System.exit(2);
        }
        ExecutionContext ctx = new ExecutionContext(Path.of(args[0]), Path.of(args[1]));
        int rc = AdminTool.execute(ctx, "dbms", "set-initial-password", password);
        System.exit(rc);
    }
}
