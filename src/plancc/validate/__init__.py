"""The validate stage: a loaded plan checked against the plan schema (validator, with jsonschema-rs;
schema reads the schema), each error said in plain English (messages), and the copies of the
schema kept beside plans for editors (schema_copy)."""
