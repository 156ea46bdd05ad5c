"""The portal: a backend-for-frontend that renders pages and calls the three APIs as the person."""
