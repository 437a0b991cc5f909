/* bmsurvey front-end: filled in by later features. */
