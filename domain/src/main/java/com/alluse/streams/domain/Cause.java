package com.alluse.streams.domain;

/** What a change is attributed to: a command id or a calendar event id, and its event time. */
public record Cause(String id, long eventTimeMs) {}
