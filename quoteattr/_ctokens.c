/* The tokeniser of quoteattr/_tokens.py in C: the same tokens as its TOKEN regex, as columns.
 *
 * Tokenising is the largest single cost of an extraction (a fifth of it is one re.split
 * over the text, near the floor of what the regex engine can do), so this optional
 * extension walks the text once and builds the token columns directly. It must give exactly
 * the tokens of TOKEN_SPLIT: tests/test_tokens.py compares the two on random text, and the
 * pure-Python path stays the reference and the fallback when no C compiler was available.
 *
 * Character classes are those of stdlib re on str patterns:
 *   \s        Py_UNICODE_ISSPACE
 *   [^\W_]    Py_UNICODE_ISALNUM (re's \w is alnum or '_')
 *   \d        Py_UNICODE_ISDECIMAL
 *   [^\W\d_]  alnum and not decimal
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t end;
} Text;

static inline Py_UCS4 at(const Text *t, Py_ssize_t i) { return PyUnicode_READ(t->kind, t->data, i); }

static inline int alnum(Py_UCS4 c) { return Py_UNICODE_ISALNUM(c); }
static inline int decimal(Py_UCS4 c) { return Py_UNICODE_ISDECIMAL(c); }
static inline int letter(Py_UCS4 c) { return Py_UNICODE_ISALNUM(c) && !Py_UNICODE_ISDECIMAL(c); }
static inline int alnum_at(const Text *t, Py_ssize_t i) { return i < t->end && alnum(at(t, i)); }
static inline int word_joiner(Py_UCS4 c) { return c == 0x2019 || c == '\'' || c == '-' || c == 0x2010; }

/* End of the abbreviation starting at i (U.S., U.N.), or -1.
 * (?<=[^\W\d_])\.(?:[^\W\d_]\.)+(?![^\W_]) after one letter, entered only when a look-ahead
 * sees ".X." next. The pairs are taken greedily: a shorter run of pairs always ends before a
 * letter, so if the longest fails the look-ahead, every shorter one does too. */
static Py_ssize_t abbreviation_end(const Text *t, Py_ssize_t i) {
    if (!(letter(at(t, i)) && i + 3 < t->end && at(t, i + 1) == '.' && letter(at(t, i + 2)) && at(t, i + 3) == '.'))
        return -1;
    Py_ssize_t p = i + 2;
    while (p + 1 < t->end && letter(at(t, p)) && at(t, p + 1) == '.')
        p += 2;
    return alnum_at(t, p) ? -1 : p;
}

/* End of the number starting at i (10,000  2.5), or -1.
 * (?=[\d.,])(?<=\d)\d*(?:[.,]\d+)+(?![^\W_]): the regex backtracks to the longest run of
 * groups whose end is not followed by a letter or digit; no end inside a group qualifies. */
static Py_ssize_t number_end(const Text *t, Py_ssize_t i) {
    if (!decimal(at(t, i)) || i + 1 >= t->end)
        return -1;
    Py_UCS4 next = at(t, i + 1);
    if (!(decimal(next) || next == '.' || next == ','))
        return -1;
    Py_ssize_t p = i + 1, best = -1;
    while (p < t->end && decimal(at(t, p)))
        p++;
    while (p + 1 < t->end && (at(t, p) == '.' || at(t, p) == ',') && decimal(at(t, p + 1))) {
        p += 2;
        while (p < t->end && decimal(at(t, p)))
            p++;
        if (!alnum_at(t, p))
            best = p;
    }
    return best;
}

/* End of the word starting at i (O’Brien, Ji-won, don't, farmers’), or -1.
 * (?<=[^\W_])[^\W_]*(?:[’'\-‐][^\W_]+)*(?:(?<=[sS])[’'](?![^\W\d_]))?, all greedy, and
 * the last group optional, so the first way through is the match. */
static Py_ssize_t word_end(const Text *t, Py_ssize_t i) {
    if (!alnum(at(t, i)))
        return -1;
    Py_ssize_t p = i + 1;
    while (alnum_at(t, p))
        p++;
    while (p + 1 < t->end && word_joiner(at(t, p)) && alnum(at(t, p + 1))) {
        p += 2;
        while (alnum_at(t, p))
            p++;
    }
    if (p < t->end) {
        Py_UCS4 last = at(t, p - 1), c = at(t, p);
        if ((last == 's' || last == 'S') && (c == 0x2019 || c == '\'') && !(p + 1 < t->end && letter(at(t, p + 1))))
            p++;
    }
    return p;
}

/* End of the token starting at the non-space character i. */
static Py_ssize_t token_end(const Text *t, Py_ssize_t i) {
    Py_ssize_t e;
    if ((e = abbreviation_end(t, i)) >= 0 || (e = number_end(t, i)) >= 0 || (e = word_end(t, i)) >= 0)
        return e;
    Py_UCS4 c = at(t, i);
    Py_UCS4 next = i + 1 < t->end ? at(t, i + 1) : 0;
    if ((c == '`' || c == '\'') && next == c)
        return i + 2; /* `` '' */
    if (c == '.' && next == '.' && i + 2 < t->end && at(t, i + 2) == '.')
        return i + 3; /* ... */
    return i + 1;
}

/* The lower-cased word: ASCII in place, anything else by str.lower (full case mapping). */
static PyObject *lower(PyObject *word, PyObject *lower_name) {
    if (!PyUnicode_IS_ASCII(word))
        return PyObject_CallMethodNoArgs(word, lower_name);
    Py_ssize_t n = PyUnicode_GET_LENGTH(word);
    const Py_UCS1 *src = PyUnicode_1BYTE_DATA(word);
    Py_ssize_t k = 0;
    while (k < n && !(src[k] >= 'A' && src[k] <= 'Z'))
        k++;
    if (k == n)
        return Py_NewRef(word); /* already lower case: share it, as equal strings are interchangeable */
    PyObject *low = PyUnicode_New(n, 127);
    if (low == NULL)
        return NULL;
    Py_UCS1 *dst = PyUnicode_1BYTE_DATA(low);
    for (Py_ssize_t j = 0; j < n; j++)
        dst[j] = (src[j] >= 'A' && src[j] <= 'Z') ? (Py_UCS1)(src[j] + 32) : src[j];
    return low;
}

static int append_steal(PyObject *list, PyObject *item) {
    if (item == NULL)
        return -1;
    int failed = PyList_Append(list, item);
    Py_DECREF(item);
    return failed;
}

PyDoc_STRVAR(columns_doc,
"columns(text, start, end, token_type) -> (starts, ends, words, lows, is_cap, is_word, tokens)\n\n"
"The tokens of text[start:end] as parallel lists, with document offsets, and as instances\n"
"of token_type, a tuple subclass of six fields (start, end, text, low, is_cap, is_word).");

/* A token_type instance holding these six objects (new references are taken). */
static PyObject *make_token(PyTypeObject *type, PyObject *const fields[6]) {
    PyObject *token = type->tp_alloc(type, 6); /* what tuple.__new__ does for a subclass */
    if (token == NULL)
        return NULL;
    for (int k = 0; k < 6; k++)
        PyTuple_SET_ITEM(token, k, Py_NewRef(fields[k]));
    return token;
}

static PyObject *columns(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    if (nargs != 4 || !PyUnicode_Check(args[0]) || !PyType_Check(args[3])
        || !PyType_IsSubtype((PyTypeObject *)args[3], &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "columns(text: str, start: int, end: int, token_type: type[tuple])");
        return NULL;
    }
    PyObject *text = args[0];
    PyTypeObject *token_type = (PyTypeObject *)args[3];
    Py_ssize_t start = PyLong_AsSsize_t(args[1]), end = PyLong_AsSsize_t(args[2]);
    if ((start == -1 || end == -1) && PyErr_Occurred())
        return NULL;
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (start < 0 || end > length || start > end) {
        PyErr_SetString(PyExc_ValueError, "columns: need 0 <= start <= end <= len(text)");
        return NULL;
    }
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), end};
    PyObject *lower_name = PyUnicode_InternFromString("lower");
    PyObject *lists[7];
    for (int k = 0; k < 7; k++)
        lists[k] = PyList_New(0);
    PyObject *result = NULL;
    if (lower_name == NULL)
        goto done;
    for (int k = 0; k < 7; k++)
        if (lists[k] == NULL)
            goto done;
    for (Py_ssize_t i = start; i < end;) {
        Py_UCS4 c = at(&t, i);
        if (Py_UNICODE_ISSPACE(c)) {
            i++;
            continue;
        }
        Py_ssize_t e = token_end(&t, i);
        PyObject *fields[6] = {PyLong_FromSsize_t(i), PyLong_FromSsize_t(e), PyUnicode_Substring(text, i, e), NULL,
                               Py_UNICODE_ISUPPER(c) ? Py_True : Py_False,
                               Py_UNICODE_ISALNUM(c) ? Py_True : Py_False};
        if (fields[2] != NULL)
            fields[3] = lower(fields[2], lower_name);
        int failed = fields[0] == NULL || fields[1] == NULL || fields[2] == NULL || fields[3] == NULL;
        for (int k = 0; k < 6 && !failed; k++)
            failed = PyList_Append(lists[k], fields[k]);
        if (!failed)
            failed = append_steal(lists[6], make_token(token_type, fields));
        for (int k = 0; k < 4; k++)
            Py_XDECREF(fields[k]);
        if (failed)
            goto done;
        i = e;
    }
    result = PyTuple_Pack(7, lists[0], lists[1], lists[2], lists[3], lists[4], lists[5], lists[6]);
done:
    Py_XDECREF(lower_name);
    for (int k = 0; k < 7; k++)
        Py_XDECREF(lists[k]);
    return result;
}

static PyMethodDef methods[] = {
    {"columns", (PyCFunction)(void (*)(void))columns, METH_FASTCALL, columns_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "quoteattr._ctokens", "The tokeniser of quoteattr._tokens, in C (optional).", 0, methods,
};

PyMODINIT_FUNC PyInit__ctokens(void) { return PyModule_Create(&module_def); }
