package io.sluice.engine.web;

import io.sluice.engine.jar.JarException;
import io.sluice.engine.jar.JarId;
import io.sluice.engine.jar.JarPrograms;
import io.sluice.engine.jar.JarRunRequest;
import io.sluice.engine.jar.JarStore;
import io.sluice.engine.jar.ProgramException;
import io.sluice.engine.jar.StoredJar;
import io.sluice.engine.job.JobManagerActor;
import io.sluice.graph.JobGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Jar endpoints, Flink-shaped: upload ({@code jarfile} multipart field), list, delete, plan, run, and the jar's
 * bytes for workers. File I/O and user code run on boundedElastic, never on the event loop.
 */
@RestController
@RequestMapping(path = "/jars", produces = MediaType.APPLICATION_JSON_VALUE)
public class JarController {

    static final MediaType JAR = MediaType.parseMediaType("application/java-archive");

    private final JarStore store;
    private final JarPrograms programs;
    private final JobManagerActor jobManager;

    public JarController(JarStore store, JarPrograms programs, JobManagerActor jobManager) {
        this.store = store;
        this.programs = programs;
        this.jobManager = jobManager;
    }

    @PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public Mono<JarUploaded> upload(@RequestPart("jarfile") Mono<FilePart> jarfile) {
        return jarfile.flatMap(this::receive)
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge())
                .map(jar -> new JarUploaded(jar.id().value(), "success", jar.id().value(), jar.sha256()));
    }

    @GetMapping
    public Mono<JarList> list(ServerHttpRequest request) {
        String address = request.getURI().getScheme() + "://" + request.getURI().getAuthority();
        return Mono.fromCallable(() -> JarList.of(address, store.list()));
    }

    @DeleteMapping("/{jarid}")
    public Mono<Map<String, Object>> delete(@PathVariable("jarid") String jarid) {
        return Mono.fromCallable(() -> {
            store.delete(store.require(jarid).id());
            return Map.<String, Object>of();
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** The jar itself: workers fetch it to load a job's classes. */
    @GetMapping(path = "/{jarid}/content", produces = "application/java-archive")
    public Mono<ResponseEntity<Resource>> content(@PathVariable("jarid") String jarid) {
        return Mono.fromCallable(() -> {
            StoredJar jar = store.require(jarid);
            return ResponseEntity.ok()
                    .contentType(JAR)
                    .header("X-Sluice-Sha256", jar.sha256())
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + jar.id().fileName() + "\"")
                    .<Resource>body(new FileSystemResource(jar.file()));
        });
    }

    /** Flink's GET plan: request fields as query parameters ({@code program-arg} comma-separated). */
    @GetMapping("/{jarid}/plan")
    public Mono<JarPlan> plan(
            @PathVariable("jarid") String jarid,
            @RequestParam(name = "entry-class", required = false) String entryClass,
            @RequestParam(name = "program-arg", required = false) String programArg,
            @RequestParam(name = "parallelism", required = false) Integer parallelism) {
        List<String> args = programArg == null || programArg.isBlank() ? null : Arrays.asList(programArg.split(","));
        return graph(jarid, new JarRunRequest(entryClass, null, args, parallelism, null)).map(JarPlan::of);
    }

    @PostMapping("/{jarid}/plan")
    public Mono<JarPlan> planFor(@PathVariable("jarid") String jarid, @RequestBody(required = false) JarRunRequest body) {
        return graph(jarid, body == null ? JarRunRequest.EMPTY : body).map(JarPlan::of);
    }

    @PostMapping("/{jarid}/run")
    public Mono<JobSubmitted> run(@PathVariable("jarid") String jarid, @RequestBody(required = false) JarRunRequest body) {
        return graph(jarid, body == null ? JarRunRequest.EMPTY : body)
                .flatMap(graph -> Mono.fromFuture(() -> jobManager.ask(jm -> jm.submit(graph))))
                .map(id -> new JobSubmitted(id.hex()));
    }

    @ExceptionHandler(JarException.class)
    ResponseEntity<ProblemDetail> refused(JarException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.getMessage());
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        if (e.status() == HttpStatus.CONTENT_TOO_LARGE.value()) {
            // The rest of the upload is still on the wire: do not reuse this connection for another request.
            return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.CONNECTION, "close")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return respond(problem);
    }

    /** 400 with the program's exception and what it printed. */
    @ExceptionHandler(ProgramException.class)
    ResponseEntity<ProblemDetail> programFailed(ProgramException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("The jar's entry class did not build a job");
        problem.setProperty("field", "entryClass");
        problem.setProperty("output", e.output());
        return respond(problem);
    }

    private Mono<JobGraph> graph(String jarid, JarRunRequest request) {
        return Mono.fromCallable(() -> programs.jobGraph(jarid, request)).subscribeOn(Schedulers.boundedElastic());
    }

    /** Streams the part into a file of the store, counting: a part over the limit is cut off at the limit. */
    private Mono<StoredJar> receive(FilePart part) {
        long max = store.maxBytes();
        AtomicLong received = new AtomicLong();
        return Mono.fromCallable(store::newUploadFile).subscribeOn(Schedulers.boundedElastic())
                .flatMap(file -> DataBufferUtils.write(part.content().doOnNext(buffer -> {
                            if (received.addAndGet(buffer.readableByteCount()) > max) {
                                throw tooLarge();
                            }
                        }), file)
                        .onErrorResume(e -> Mono.fromCallable(() -> deleteQuietly(file)).then(Mono.error(e)))
                        .then(Mono.fromCallable(() -> store.add(part.filename(), file))
                                .subscribeOn(Schedulers.boundedElastic())));
    }

    private JarException tooLarge() {
        return new JarException(JarException.Kind.TOO_LARGE, "jarfile",
                "jarfile is larger than the limit of " + store.maxBytes() + " bytes (sluice.engine.jars.max-size)");
    }

    private static boolean deleteQuietly(Path file) {
        try {
            return java.nio.file.Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
