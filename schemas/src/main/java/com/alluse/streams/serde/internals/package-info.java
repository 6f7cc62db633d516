/** Implementation details of the serdes and registries; not a stable API. */
package com.alluse.streams.serde.internals;
