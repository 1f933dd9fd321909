package sns.http.internal.endpoint;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Limits of the camera-facing HTTP endpoints (configuration {@code sns.http}). */
@ObjectClassDefinition(pid = "sns.http", name = "SNS Bridge: camera connection",
        description = "Limits for what cameras may send. The port and address are those of the HTTP service "
                + "(Apache Felix Jetty Based Http Service).")
public @interface HttpSettings {

    @AttributeDefinition(name = "Largest upload (MB)", min = "1",
            description = "Largest photo, video or e-mail a camera may send; larger ones are refused with 413 "
                    + "before they are read. Camcorder videos can be large.")
    int maxUploadMegabytes() default 1024;

    @AttributeDefinition(name = "Largest XML request (KB)", min = "1",
            description = "Largest login, announcement or e-mail message part; the cameras send well under one "
                    + "kilobyte.")
    int maxXmlKilobytes() default 64;
}
