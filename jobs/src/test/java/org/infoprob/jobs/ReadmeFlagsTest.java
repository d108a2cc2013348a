package org.infoprob.jobs;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * jobs/README.md's flag tables are the subcommands' {@code --help}: every flag of every
 * subcommand has a row (Kafka jobs: in their own section or the one of every Kafka job), no row
 * names a flag the command lacks, and each row's default is the option's.
 */
class ReadmeFlagsTest {

    private static final String SHARED = "Flags of every Kafka job";
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(?:-h`, `)?(--[a-z0-9.-]+)[^|]*\\| *([^|]*?) *\\|");

    @Test
    void everySubcommandsFlagsAndDefaultsAreInTheReadme() throws Exception {
        Map<String, String> sections = sections(Files.readString(Path.of("README.md")));
        Map<String, String> shared = rows(sections.get(SHARED));
        CommandLine cli = InfoprobJobs.commandLine();
        for (Map.Entry<String, CommandLine> sub : cli.getSubcommands().entrySet()) {
            if (sub.getKey().equals("help")) {
                continue;
            }
            boolean kafkaJob = sub.getValue().getCommandSpec().userObject() instanceof KafkaJob;
            Map<String, String> own = rows(sections.get(sub.getKey()));
            Map<String, String> documented = new HashMap<>(own);
            if (kafkaJob) {
                documented.putAll(shared);
            }
            for (OptionSpec o : sub.getValue().getCommandSpec().options()) {
                String flag = o.longestName();
                assertThat(documented).as("README rows of %s", sub.getKey()).containsKey(flag);
                String readme = documented.get(flag);
                String actual = sub.getValue().getCommandSpec().defaultValueProvider().defaultValue(o);
                actual = actual != null ? actual : o.defaultValue();
                boolean perJob = !own.containsKey(flag) && readme.matches("per job|.*<job>.*");
                // without a default the README may say what none means ("any class")
                if (!perJob && !o.usageHelp() && actual != null) {
                    assertThat(readme).as("README default of %s %s", sub.getKey(), flag).isEqualTo(actual);
                }
            }
            for (String flag : own.keySet()) {
                assertThat(sub.getValue().getCommandSpec().findOption(flag)).as("%s of %s in the README", flag, sub.getKey()).isNotNull();
            }
        }
    }

    /** The text under each {@code ## } heading, by heading. */
    private static Map<String, String> sections(String readme) {
        Map<String, String> sections = new HashMap<>();
        String[] parts = readme.split("(?m)^## ");
        for (int i = 1; i < parts.length; i++) {
            int eol = parts[i].indexOf('\n');
            sections.put(parts[i].substring(0, eol).trim(), parts[i].substring(eol + 1));
        }
        return sections;
    }

    /** Flag to its default (empty when none) of every table row of {@code section}. */
    private static Map<String, String> rows(String section) {
        Map<String, String> rows = new HashMap<>();
        assertThat(section).as("README section").isNotNull();
        Matcher m = ROW.matcher(section);
        while (m.find()) {
            rows.put(m.group(1), m.group(2).replace("`", ""));
        }
        return rows;
    }
}
