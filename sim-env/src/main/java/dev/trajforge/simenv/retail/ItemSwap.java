package dev.trajforge.simenv.retail;

import dev.trajforge.simenv.tools.ToolException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Validates swapping order items for other variants of the same products (modify / exchange). */
record ItemSwap(List<OrderItem> newItems, BigDecimal priceDifference) {

    static ItemSwap plan(RetailDb db, Order order, List<String> itemIds, List<String> newItemIds) {
        if (itemIds.size() != newItemIds.size()) {
            throw new ToolException("item_ids and new_item_ids must have the same length (" + itemIds.size() + " vs " + newItemIds.size() + ")");
        }
        List<OrderItem> taken = takeItems(order, itemIds);
        List<OrderItem> items = new ArrayList<>(order.items());
        BigDecimal difference = BigDecimal.ZERO;
        for (int i = 0; i < taken.size(); i++) {
            OrderItem old = taken.get(i);
            String newItemId = newItemIds.get(i);
            Product product = db.requireProduct(old.productId());
            Variant variant = product.variants().get(newItemId);
            if (variant == null) throw new ToolException("New item " + newItemId + " is not a variant of product " + product.name() + " (" + product.productId() + ")");
            if (newItemId.equals(old.itemId())) throw new ToolException("New item " + newItemId + " is the same as the old item");
            if (!variant.available()) throw new ToolException("New item " + newItemId + " is not available");
            items.set(items.indexOf(old), new OrderItem(newItemId, product.productId(), product.name(), variant.options(), variant.price()));
            difference = difference.add(variant.price()).subtract(old.price());
        }
        return new ItemSwap(items, difference.setScale(2));
    }

    /** The order's items named by {@code itemIds}, each id used once per occurrence. */
    static List<OrderItem> takeItems(Order order, List<String> itemIds) {
        if (itemIds.isEmpty()) throw new ToolException("item_ids must not be empty");
        List<OrderItem> remaining = new ArrayList<>(order.items());
        List<OrderItem> taken = new ArrayList<>();
        for (String itemId : itemIds) {
            OrderItem match = remaining.stream().filter(item -> item.itemId().equals(itemId)).findFirst()
                    .orElseThrow(() -> new ToolException("Item " + itemId + " not found in order " + order.orderId()));
            remaining.remove(match);
            taken.add(match);
        }
        return taken;
    }
}
