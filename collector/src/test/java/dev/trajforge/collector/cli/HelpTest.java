package dev.trajforge.collector.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpTest {
    @Test
    void should_describe_every_command_in_whole_sentences_in_the_top_level_help() {
        CliRun help = CliRun.of("--help");
        String commands = help.out().substring(help.out().indexOf("Commands:"), help.out().indexOf("Exit codes:"));
        // a description that goes on over several lines ends where its sentence ends
        String joined = commands.replaceAll("\\n {10,}", " ");
        for (String line : joined.lines().skip(1).filter(l -> !l.isBlank()).toList()) {
            assertTrue(line.strip().endsWith("."), "cut mid-sentence: '" + line.strip() + "'");
        }
    }
}
