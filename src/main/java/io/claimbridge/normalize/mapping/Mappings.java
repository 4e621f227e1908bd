package io.claimbridge.normalize.mapping;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every sender's effective mapping, loaded once by {@link MappingLoader}; senders without a file get the default. */
public final class Mappings {
    private static final int MAX_CACHED_DEFAULT_SENDERS = 1000;

    private final MappingLoader.Layer base;
    private final Map<String, String> aliases;
    private final Map<String, SenderMapping> senders;
    private final Map<String, SenderMapping> defaultsBySender = new ConcurrentHashMap<>();

    Mappings(MappingLoader.Layer base, Map<String, String> aliases, Map<String, SenderMapping> senders) {
        this.base = base;
        this.aliases = Map.copyOf(aliases);
        this.senders = new HashMap<>(senders);
        // Fail at start, not at the first message, if default.yaml alone is incomplete.
        forSender("default");
    }

    public SenderMapping forSender(String sender) {
        String name = sender == null || sender.isBlank() ? "default" : sender;
        SenderMapping m = senders.get(name);
        if (m != null) {
            return m;
        }
        SenderMapping cached = defaultsBySender.get(name);
        if (cached != null) {
            return cached;
        }
        SenderMapping built = MappingLoader.resolve(name, base, new MappingLoader.Layer(base.file), aliases);
        // Sender names come from messages: cache a bounded number so odd MSH-4 values cannot grow memory.
        if (defaultsBySender.size() < MAX_CACHED_DEFAULT_SENDERS) {
            defaultsBySender.putIfAbsent(name, built);
        }
        return built;
    }

    public Set<String> configuredSenders() {
        return Set.copyOf(senders.keySet());
    }
}
