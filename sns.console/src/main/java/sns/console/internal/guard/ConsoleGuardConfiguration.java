package sns.console.internal.guard;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Web Console login, shown as a form in the console's Configuration page. */
@ObjectClassDefinition(name = "SNS Bridge: Web Console login",
        description = "Who may open the Web Console. The password generated at first start is in the file "
                + "console.password of the bridge's home folder; a password set here replaces it.")
@interface ConsoleGuardConfiguration {

    @AttributeDefinition(name = "User name", description = "The user name to log in with.")
    String username() default "admin";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
            description = "Leave empty to use the password in console.password of the home folder.")
    String _password() default "";
}
