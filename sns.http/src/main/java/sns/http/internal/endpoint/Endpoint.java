package sns.http.internal.endpoint;

import java.io.IOException;

import sns.http.internal.reply.CameraReply;

/** One endpoint of the SNS protocol: turns a camera request into the reply the camera needs. */
interface Endpoint {

    /**
     * @return the complete reply; never {@code null}
     * @throws IOException when reading the request fails (the client went away or stalled); no reply is possible
     */
    CameraReply answer(CameraRequest request) throws IOException;
}
