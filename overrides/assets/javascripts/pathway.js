/* Pathway script: progressive enhancement of pathway pages. */
