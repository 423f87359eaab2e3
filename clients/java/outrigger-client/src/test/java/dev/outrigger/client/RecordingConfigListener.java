package dev.outrigger.client;

import dev.outrigger.client.errors.OutriggerException;
import dev.outrigger.client.model.ConfigEntry;
import dev.outrigger.client.model.ConfigEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a config watch delivers. */
class RecordingConfigListener implements ConfigListener {
    final List<ConfigEvent> events = new CopyOnWriteArrayList<>();
    final List<Long> revisions = new CopyOnWriteArrayList<>();
    final List<List<ConfigEntry>> resyncs = new CopyOnWriteArrayList<>();
    final List<OutriggerException> errors = new CopyOnWriteArrayList<>();
    final List<OutriggerException> terminations = new CopyOnWriteArrayList<>();

    @Override
    public void onEvents(long revision, List<ConfigEvent> batch) {
        revisions.add(revision);
        events.addAll(batch);
    }

    @Override
    public void onResync(long revision, List<ConfigEntry> entries) {
        resyncs.add(entries);
    }

    @Override
    public void onError(OutriggerException error) {
        errors.add(error);
    }

    @Override
    public void onTerminated(OutriggerException error) {
        terminations.add(error);
    }

    List<String> values() {
        return events.stream().map(e -> e.getType() + ":" + e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.toList());
    }
}
