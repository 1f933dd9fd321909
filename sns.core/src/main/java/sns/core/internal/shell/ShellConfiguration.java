package sns.core.internal.shell;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The built-in {@code shell} destination's configuration {@code sns.shell} (and {@code sns.shell~<name>}): the
 * Web Console's form, and the type {@link ShellFactory} converts an instance's merged settings to, so each
 * default is stated here only.
 */
@ObjectClassDefinition(pid = "sns.shell", factoryPid = "sns.shell", name = "SNS Bridge: run a command",
        description = "Runs a program for every photo sent to the 'shell' destination, after storing it. The program "
                + "is started directly, never through a shell: each argument is one entry, placeholders are replaced "
                + "inside each entry: {sender} {recipient} {filename} {subject} {body} {site} {jobid}.")
public @interface ShellConfiguration {

    @AttributeDefinition(name = "Command", description = "The program (absolute path) and its arguments, one per "
            + "entry, for example: /usr/local/bin/to-gallery, {filename}, {subject}")
    String[] command() default {};

    @AttributeDefinition(name = "Input", required = false,
            description = "Text written to the program's standard input, with the same placeholders; empty for none.")
    String stdin() default "";

    @AttributeDefinition(name = "Time limit (seconds)", min = "1",
            description = "A program still running after this is stopped and tried again later.")
    int timeoutSeconds() default 60;

    @AttributeDefinition(name = "Store first",
            description = "Store the photo like the 'store' destination first and pass the stored file's path.")
    boolean storeFirst() default true;
}
