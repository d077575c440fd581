package com.switchboard.routing.entity;

public enum OfferStatus {
    PENDING, ACCEPTED, REJECTED, EXPIRED, CANCELLED
}
