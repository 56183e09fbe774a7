package dev.paramscope.query;

import dev.paramscope.catalog.Catalog;
import dev.paramscope.catalog.CatalogEntry;
import dev.paramscope.report.Entry;
import dev.paramscope.report.Message;
import dev.paramscope.report.Report;
import dev.paramscope.report.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code paramscope catalog}: every built-in model with its total and active parameters, the
 * status of the figure and its source. JSON: {@code models}: a list of {@code {id, name,
 * organisation, total_params, active_params, status, source}}.
 */
public final class CatalogQuery {
  private CatalogQuery() {}

  public static Report report(String filter) {
    List<CatalogEntry> entries = filter == null || filter.isBlank()
        ? Catalog.builtIn().entries() : Catalog.builtIn().filter(filter);
    List<List<Value>> rows = new ArrayList<>();
    for (CatalogEntry entry : entries) {
      ResolvedModel m = ModelSource.fromCatalog(entry, null);
      rows.add(List.of(new Value.Text(entry.id()), new Value.Text(entry.name()),
          Value.text(entry.organisation()), new Value.Count(m.totalParams()),
          Value.countOrMissing(m.activeParams()), new Value.Term(m.status()),
          new Value.Labelled(m.source(), m.shortSource())));
    }
    return Report.builder(Message.of("title.catalog", Integer.toString(rows.size())))
        .entry(new Entry.Table("models",
            List.of("id", "name", "organisation", "total_params", "active_params", "status", "source"), rows,
            List.of("id", "total_params", "active_params", "status", "source")))
        .note("note.catalog.source")
        .build();
  }
}
