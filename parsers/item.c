/* item.c: the life of a struct item. */
#include <stdlib.h>
#include <string.h>

#include "parsers.h"

void
item_init(struct item *it)
{
	memset(it, 0, sizeof(*it));
	it->published = DATE_NONE;
	it->updated = DATE_NONE;
	strlist_init(&it->categories);
}

void
item_free(struct item *it)
{
	size_t	 i;

	free(it->id);
	free(it->title);
	free(it->link);
	free(it->author);
	free(it->summary);
	free(it->content);
	strlist_free(&it->categories);
	for (i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	item_init(it);
}
