/**
 * Confluent-wire-format Avro serdes for the generated records and the schema registry clients they
 * use: {@link com.alluse.streams.serde.AvroSerdes} for configured serdes,
 * {@link com.alluse.streams.serde.SchemaRegistryConfig} for the settings,
 * {@link com.alluse.streams.serde.InMemorySchemaRegistry} for {@code mock://} and
 * {@link com.alluse.streams.localstack.InMemorySchemaRegistryServer} to share one over HTTP.
 */
package com.alluse.streams.serde;
