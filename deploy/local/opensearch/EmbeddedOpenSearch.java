import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.opensearch.common.settings.Settings;
import org.opensearch.node.MockNode;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;

/**
 * Starts a single-node OpenSearch 2.19 server in this JVM for development and CI.
 *
 * <p>It runs the real REST layer (Netty4), Lucene, Painless and the common analyzers, but
 * without the distribution's bootstrap: no security manager, no bootstrap checks, no
 * security plugin. It is not fit for production.
 *
 * <p>Usage: {@code java -cp "<lib>/*" EmbeddedOpenSearch.java path.home=<dir>
 * [setting=value ...]} as a single source file, or compiled, as deploy/local/infra.sh
 * runs it. Every argument is an OpenSearch setting and overrides the defaults below. The
 * node stops on SIGTERM or SIGINT.
 */
public class EmbeddedOpenSearch {

    private static final List<Class<? extends Plugin>> PLUGINS = List.of(
        org.opensearch.transport.Netty4Plugin.class,
        org.opensearch.painless.PainlessPlugin.class,
        org.opensearch.analysis.common.CommonAnalysisPlugin.class
    );

    public static void main(String[] args) throws Exception {
        Settings settings = buildSettings(args);
        for (String dirSetting : List.of("path.data", "path.logs")) {
            Files.createDirectories(Path.of(settings.get(dirSetting)));
        }

        Node node = new MockNode(settings, PLUGINS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                System.err.println("EmbeddedOpenSearch: closing the node failed: " + e);
            } finally {
                stopped.countDown();
            }
        }, "embedded-opensearch-shutdown"));

        node.start();
        System.out.println("EmbeddedOpenSearch: node started, HTTP on "
            + settings.get("network.host") + ":" + settings.get("http.port"));

        // The node's own threads are daemons, so the main thread keeps the JVM alive
        // until the shutdown hook has closed the node.
        stopped.await();
    }

    private static Settings buildSettings(String[] args) {
        Settings.Builder overrideBuilder = Settings.builder();
        for (String arg : args) {
            int separator = arg.indexOf('=');
            if (separator <= 0) {
                throw new IllegalArgumentException(
                    "Invalid argument '" + arg + "': expected setting=value, e.g. http.port=9200");
            }
            overrideBuilder.put(arg.substring(0, separator), arg.substring(separator + 1));
        }
        Settings overrides = overrideBuilder.build();

        String home = overrides.get("path.home");
        if (home == null) {
            throw new IllegalArgumentException("Missing setting path.home: pass path.home=<dir>");
        }

        return Settings.builder()
            .put("cluster.name", "sieve-local")
            .put("node.name", "sieve-local-1")
            .put("path.data", Path.of(home, "data").toString())
            .put("path.logs", Path.of(home, "logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", "9200")
            .put("transport.port", "9300")
            .put("discovery.type", "single-node")
            // Development machines often run with little free disk, and a single node has
            // nowhere else to move shards, so the disk watermarks would only block writes.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put(overrides)
            .build();
    }
}
