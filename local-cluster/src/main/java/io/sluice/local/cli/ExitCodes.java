package io.sluice.local.cli;

/** Process exit codes of the CLI; scripts and CI rely on them. */
final class ExitCodes {

    static final int OK = 0;
    /** The engine (or Kafka) answered but refused or failed the request: invalid spec, unknown job, ... */
    static final int FAILED = 1;
    /** Bad command line. */
    static final int USAGE = 2;
    /** The engine or Kafka could not be reached. */
    static final int UNREACHABLE = 3;

    private ExitCodes() {}
}
