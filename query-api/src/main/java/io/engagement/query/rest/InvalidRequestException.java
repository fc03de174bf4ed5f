package io.engagement.query.rest;

/** A request parameter the API refuses; becomes a 400 problem naming the parameter. */
public class InvalidRequestException extends RuntimeException {
    private final String parameter;

    public InvalidRequestException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
