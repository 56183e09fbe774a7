package dev.paramscope.cli;

import dev.paramscope.cli.serve.ApiServer;
import java.awt.Desktop;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"The interactive calculator in a local web page, and its JSON API (/api/<command>?source=...).",
        "Binds to 127.0.0.1; local files are readable only inside --allow folders."},
    footerHeading = "%nExamples:%n",
    footer = {"  paramscope serve", "  paramscope serve --port 9000 --open --allow ~/models"})
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--open", description = "Open the page in the default browser.")
  boolean open;

  @Option(names = "--allow", paramLabel = "FOLDER", description = "A folder whose checkpoints and configs the page may read (repeatable).")
  List<Path> allow = List.of();

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    if (!InetAddress.getByName(host).isLoopbackAddress()) {
      spec.commandLine().getErr().println("paramscope: warning: serving on " + host
          + ", reachable from other machines; the API reads only catalog ids and --allow folders");
    }
    try (ApiServer server = new ApiServer(host, port, allow).start()) {
      String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port() + "/";
      spec.commandLine().getOut().println("paramscope: serving " + url + " (Ctrl-C to stop)");
      spec.commandLine().getOut().flush();
      if (open && Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
        Desktop.getDesktop().browse(URI.create(url));
      }
      new CountDownLatch(1).await();
    }
    return 0;
  }
}
