package sns.console.internal.page;

/**
 * Which page of jobs to show, from the {@code page} parameter (1 = newest); anything that is not a sensible
 * number shows the first page.
 *
 * @param page the 1-based page number, within the pages there are
 * @param size jobs per page
 */
record Paging(int page, int size) {

    static final int SIZE = 20;

    static Paging of(String parameter) {
        int page = 1;
        if (parameter != null && parameter.matches("[0-9]{1,6}")) {
            page = Math.max(1, Integer.parseInt(parameter));
        }
        return new Paging(page, SIZE);
    }

    int offset() {
        return (page - 1) * size;
    }

    /** How many pages {@code total} jobs make (at least one, even if empty). */
    int pages(int total) {
        return Math.max(1, (total + size - 1) / size);
    }

    /** This paging moved onto the last page if it points beyond {@code total}. */
    Paging within(int total) {
        return page > pages(total) ? new Paging(pages(total), size) : this;
    }
}
