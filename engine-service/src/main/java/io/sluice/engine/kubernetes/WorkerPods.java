package io.sluice.engine.kubernetes;

import java.util.List;

/** The worker pods the engine created (native mode); implemented with the Kubernetes API. */
public interface WorkerPods {

    /** Names of the worker pods that exist now, running or not yet. Throws on an API error. */
    List<String> list();

    /** Creates a worker pod of that name; its worker registers under the same id. Throws on an API error. */
    void create(String name);

    /** Deletes the pod (it gets SIGTERM and shuts its worker down gracefully). Throws on an API error. */
    void delete(String name);
}
