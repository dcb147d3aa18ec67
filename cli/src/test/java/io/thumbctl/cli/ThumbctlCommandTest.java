package io.thumbctl.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ThumbctlCommandTest {

    static ApplicationContext context;

    @BeforeAll
    static void start() {
        context = ApplicationContext.builder(Environment.CLI).deduceEnvironment(false).start();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = ThumbctlCommand.commandLine(context);
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void help_listsExitCodes() {
        Run run = run("--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Usage: thumbctl").contains("Exit codes:").contains("3   could not finish");
    }

    @Test
    void version_printsTheBuiltVersion() {
        Run run = run("--version");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("thumbctl 0.");
    }

    @Test
    void unknownFlag_exits2_withTheUsageLine() {
        Run run = run("--no-such-flag");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unknown option: '--no-such-flag'").contains("Usage: thumbctl");
    }
}
