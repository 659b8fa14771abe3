from wagtail import hooks

from .templatetags.menu_tags import menu_forget


@hooks.register("after_publish_page")
@hooks.register("after_unpublish_page")
@hooks.register("after_move_page")
@hooks.register("after_delete_page")
def forget_menu(request, page, *args, **kwargs):
    # The menu is cached per language; a change to the page tree must show at once.
    menu_forget()
